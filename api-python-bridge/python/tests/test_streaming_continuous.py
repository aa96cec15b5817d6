"""trigger(continuous=...): Spark's continuous processing for map-like queries, refused for the rest."""

import time

import pytest

from ember.errors import AnalysisException
import ember.sql.functions as F


def wait_until(predicate, timeout=60.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def test_a_continuous_query_hands_each_row_to_a_foreach_writer_and_reports_no_progress(spark):
    rows = []
    rate = spark.readStream.format("rate").option("rowsPerSecond", 50).load()
    q = (rate.filter(F.col("value") % 2 == 0).select((F.col("value") * 10).alias("v"))
         .writeStream.foreach(lambda r: rows.append(r.v)).trigger(continuous="200 milliseconds").start())
    try:
        assert wait_until(lambda: len(rows) >= 5), "no rows reached the foreach writer"
        assert q.isActive
        assert q.lastProgress is None
        assert q.recentProgress == []
    finally:
        q.stop()
    assert q.exception() is None
    assert all(v % 20 == 0 for v in rows)


def test_a_continuous_query_refuses_aggregations_and_foreach_batch_with_sparks_messages(spark, tmp_path):
    rate = spark.readStream.format("rate").load()
    with pytest.raises(AnalysisException, match="Continuous processing does not support Aggregate operations"):
        rate.groupBy("value").count().writeStream.format("console").outputMode("complete") \
            .trigger(continuous="1 second").start()
    with pytest.raises(AnalysisException, match="'foreachBatch' is not supported with continuous trigger"):
        rate.writeStream.foreachBatch(lambda df, i: None).trigger(continuous="1 second").start()
    files = spark.readStream.schema("id INT").csv(str(tmp_path))
    with pytest.raises(AnalysisException, match="does not support continuous processing"):
        files.writeStream.format("console").trigger(continuous="1 second").start()
