"""The training session of the start-up class archive: ``bin/ember`` runs ``python3 -m ember._cds_training``
with ``EMBER_CDS_RECORD=1`` when the archive is missing or stale. The bridge it starts records every class it
loads into the archive, so this session runs what typical scripts run: ``range`` and ``count``, local data,
filters, aggregations, joins, sorting, ``show``, a CSV written and read back, and streaming queries over it
(an aggregation into a memory table, a foreachBatch function)."""

from __future__ import annotations

import os
import tempfile


def main() -> None:
    """Runs the training queries on a local[2] session and stops it (the bridge writes the archive at exit)."""
    from ember.sql import SparkSession
    from ember.sql import functions as F
    spark = SparkSession.builder.master("local[2]").appName("ember-cds-training").getOrCreate()
    try:
        spark.range(10).count()
        people = spark.createDataFrame([("ann", 34, 1.5, "x"), ("bob", None, 2.5, None), ("cy", 19, None, "y")],
                                       "name STRING, age INT, score DOUBLE, tag STRING")
        people.filter(F.col("age") > 20).select("name", (F.col("score") * 2).alias("s2")).collect()
        people.groupBy("tag").agg(F.count("*").alias("n"), F.sum("score"), F.avg("age")).orderBy("tag").collect()
        tags = spark.createDataFrame([("x", "ex"), ("y", "why")], ["tag", "label"])
        people.join(tags, "tag", "left").orderBy(F.col("name").desc()).limit(2).collect()
        people.withColumn("word", F.explode(F.split(F.col("name"), "n"))).distinct().count()
        people.na.fill({"age": 0}).show()
        people.printSchema()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "people")
            people.write.mode("overwrite").option("header", True).csv(path)
            spark.read.option("header", True).option("inferSchema", True).csv(path).collect()
            stream = (spark.readStream.schema("name STRING, age INT, score DOUBLE, tag STRING")
                      .option("header", True).csv(path))
            query = (stream.groupBy("tag").count().writeStream.outputMode("complete").format("memory")
                     .queryName("cds_training").trigger(availableNow=True).start())
            query.awaitTermination(60)
            query = (stream.writeStream.foreachBatch(lambda df, batch_id: df.count())
                     .trigger(availableNow=True).start())
            query.awaitTermination(60)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
