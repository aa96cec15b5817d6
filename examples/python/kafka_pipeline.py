"""Kafka in and out, as in Spark's Structured Streaming + Kafka integration: lines are written to a topic, a
streaming query counts their words (reading the topic with a checkpoint) and another copies the lines upper-cased
to a second topic, which a batch read then shows. Start a development broker first:

    bin/ember kafka start                  # prints bootstrap.servers=127.0.0.1:9092
    bin/ember submit examples/python/kafka_pipeline.py [bootstrap.servers]
    bin/ember kafka stop

Run it again and the checkpoints make each query read only the lines written since.
"""

import os
import sys
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

LINES = ["the quick brown fox", "jumps over the lazy dog", "the dog sleeps", "a fox runs"]


def main(argv):
    servers = argv[1] if len(argv) > 1 else "127.0.0.1:9092"
    checkpoints = os.path.join(tempfile.gettempdir(), "ember-kafka-pipeline")
    spark = SparkSession.builder.appName("kafka-pipeline").getOrCreate()

    # a batch write: the value column (a string) becomes each record's value, the key column its key
    (spark.createDataFrame([(str(i), line) for i, line in enumerate(LINES)], "key STRING, value STRING")
     .write.format("kafka").option("kafka.bootstrap.servers", servers).option("topic", "lines").save())

    lines = (spark.readStream.format("kafka")
             .option("kafka.bootstrap.servers", servers)
             .option("subscribe", "lines")
             .option("startingOffsets", "earliest")
             .load()
             .selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS line"))

    counts = (lines.select(F.explode(F.split("line", " ")).alias("word"))
              .groupBy("word").count()
              .writeStream.format("console").outputMode("complete")
              .option("checkpointLocation", os.path.join(checkpoints, "counts"))
              .start())
    upper = (lines.select("key", F.upper("line").alias("value"))
             .writeStream.format("kafka")
             .option("kafka.bootstrap.servers", servers)
             .option("topic", "lines-upper")
             .option("checkpointLocation", os.path.join(checkpoints, "upper"))
             .start())
    for query in (counts, upper):
        query.processAllAvailable()
        query.stop()

    (spark.read.format("kafka").option("kafka.bootstrap.servers", servers).option("subscribe", "lines-upper")
     .load().selectExpr("CAST(value AS STRING) AS value", "`partition`", "`offset`")
     .show(truncate=False))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
