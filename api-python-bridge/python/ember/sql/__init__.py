"""Ember's DataFrame API with PySpark's names (``pyspark.sql``)."""

from ember.sql._row import Row
from ember.sql.column import Column
from ember.sql.dataframe import DataFrame, DataFrameNaFunctions
from ember.sql.group import GroupedData
from ember.sql.readwriter import DataFrameReader, DataFrameWriter
from ember.sql.session import Catalog, RuntimeConfig, SparkContext, SparkSession, Table
from ember.sql.window import Window, WindowSpec

__all__ = ["SparkSession", "DataFrame", "Column", "Row", "GroupedData", "DataFrameReader", "DataFrameWriter",
           "DataFrameNaFunctions", "RuntimeConfig", "SparkContext", "Catalog", "Table", "Window", "WindowSpec"]
