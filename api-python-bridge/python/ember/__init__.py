"""Ember: a PySpark-compatible Python API over the Ember engine's JVM bridge.

>>> from ember.sql import SparkSession
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()
"""

__version__ = "0.1.0"

from ember.storagelevel import StorageLevel  # noqa: E402  (PySpark: from pyspark import StorageLevel)
