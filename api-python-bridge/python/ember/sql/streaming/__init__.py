"""Structured Streaming with PySpark's names (``pyspark.sql.streaming``): ``spark.readStream``,
``df.writeStream``, the StreamingQuery handle, ``spark.streams`` and StreamingQueryListener."""

from ember.sql.streaming.listener import StreamingQueryListener
from ember.sql.streaming.query import StreamingQuery, StreamingQueryManager
from ember.sql.streaming.readwriter import DataStreamReader, DataStreamWriter

__all__ = ["DataStreamReader", "DataStreamWriter", "StreamingQuery", "StreamingQueryManager",
           "StreamingQueryListener"]
