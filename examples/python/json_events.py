"""JSON events parsed with from_json, Spark's canonical ingestion step: each line of a growing directory is one JSON
event; a streaming query parses it (`from_json(value, schema)`), spreads its fields (`select("data.*")`), keeps the
malformed lines apart through the corrupt-record column, and counts clicks per user; `to_json` turns the result
back into JSON text.

    bin/ember submit examples/python/json_events.py

With Kafka the source is the only change: read the topic (see kafka_pipeline.py) and parse
`F.col("value").cast("string")` with the same `from_json`.
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType, TimestampType

EVENTS = [
    '{"user": "ann", "action": "click", "ts": "2026-11-26T10:00:01", "tags": ["home"]}',
    '{"user": "bob", "action": "view", "ts": "2026-11-26T10:00:02", "tags": []}',
    '{"user": "ann", "action": "click", "ts": "2026-11-26T10:00:05", "tags": ["cart", "promo"]}',
    '{"user": "bob", "action": "click", "ts": "2026-11-26T10:00:07"}',
    '{"user": "eve", "action": ',
]

SCHEMA = StructType([
    StructField("user", StringType()),
    StructField("action", StringType()),
    StructField("ts", TimestampType()),
    StructField("tags", ArrayType(StringType())),
    StructField("_corrupt_record", StringType()),
])


def main(argv):
    spark = SparkSession.builder.appName("json-events").getOrCreate()
    incoming = tempfile.mkdtemp(prefix="ember-json-events-")
    with open(os.path.join(incoming, "events-0001.json"), "w") as f:
        f.write("\n".join(EVENTS) + "\n")

    events = (spark.readStream.format("text").load(incoming)
              .select(F.from_json(F.col("value"), SCHEMA).alias("data"))
              .select("data.*"))

    malformed = (events.filter(F.col("_corrupt_record").isNotNull()).select("_corrupt_record")
                 .writeStream.format("memory").queryName("malformed").start())
    clicks = (events.filter(F.col("action") == "click")
              .groupBy("user").agg(F.count("*").alias("clicks"), F.max("ts").alias("last_click"))
              .select(F.to_json(F.struct("user", "clicks", "last_click")).alias("json"))
              .writeStream.format("memory").queryName("clicks").outputMode("complete").start())
    for query in (malformed, clicks):
        query.processAllAvailable()
        query.stop()

    spark.table("clicks").orderBy("json").show(truncate=False)
    spark.table("malformed").show(truncate=False)
    # the same parsing in a batch query, with each tag on a row of its own and its position
    (spark.read.text(incoming)
     .select(F.from_json("value", SCHEMA).alias("e"))
     .select("e.user", F.posexplode("e.tags").alias("position", "tag"))
     .orderBy("user", "position")
     .show())
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
