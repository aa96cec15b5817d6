"""SQL from Python: cache statements, SQL over a streaming view, EXPLAIN EXTENDED, hidden USING join keys,
EXTRACT and FILTER on first/last."""

import os
import time
from decimal import Decimal

import pytest

from ember.errors import AnalysisException


@pytest.fixture
def views(spark):
    spark.createDataFrame([(1, "a"), (2, "b"), (3, None)], "id INT, s STRING").createOrReplaceTempView("stmt_l")
    spark.createDataFrame([(2, True), (3, False), (4, True)], "id INT, w BOOLEAN").createOrReplaceTempView("stmt_r")
    yield
    spark.catalog.clearCache()
    for name in ("stmt_l", "stmt_r", "stmt_cq"):
        spark.catalog.dropTempView(name)


def test_cache_uncache_and_clear_cache_statements(spark, views):
    assert spark.sql("CACHE TABLE stmt_l").collect() == []
    assert spark.catalog.isCached("stmt_l")
    spark.sql("UNCACHE TABLE stmt_l")
    assert not spark.catalog.isCached("stmt_l")
    spark.sql("CACHE LAZY TABLE stmt_cq AS SELECT id * 10 AS x FROM stmt_l WHERE id > 1")
    assert spark.catalog.isCached("stmt_cq")
    assert [r.x for r in spark.sql("SELECT x FROM stmt_cq ORDER BY x").collect()] == [20, 30]
    spark.sql("CLEAR CACHE")
    assert not spark.catalog.isCached("stmt_cq")
    spark.sql("UNCACHE TABLE IF EXISTS stmt_nowhere")
    with pytest.raises(AnalysisException):
        spark.sql("UNCACHE TABLE stmt_nowhere")


def test_qualified_keys_of_a_using_join_and_extract_and_filtered_first(spark, views):
    rows = spark.sql("SELECT id, stmt_l.id AS l, stmt_r.id AS r FROM stmt_l FULL OUTER JOIN stmt_r USING (id)"
                     " ORDER BY id").collect()
    assert [tuple(r) for r in rows] == [(1, 1, None), (2, 2, 2), (3, 3, 3), (4, None, 4)]
    second = spark.sql("SELECT EXTRACT(SECOND FROM TIMESTAMP '2024-03-05 17:04:09.25') AS s").first().s
    assert second == Decimal("9.250000")
    first = spark.sql("SELECT first(s) FILTER (WHERE id > 2) AS f, first(s) IGNORE NULLS FILTER (WHERE id > 1) AS g"
                      " FROM stmt_l").first()
    assert (first.f, first.g) == (None, "b")


def test_explain_extended_shows_every_plan(spark, views, capsys):
    text = spark.sql("EXPLAIN EXTENDED SELECT id FROM stmt_l WHERE id > 1").first()[0]
    for header in ("== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==",
                   "== Physical Plan =="):
        assert header in text
    spark.sql("SELECT id FROM stmt_l").explain(extended=True)
    assert "== Optimized Logical Plan ==" in capsys.readouterr().out


def test_sql_over_a_streaming_view_is_a_streaming_query(spark, tmp_path):
    src = str(tmp_path / "in")
    os.makedirs(src)
    base = time.time() - 600
    for i, text in enumerate(["1,a\n2,b\n", "3,a\n4,c\n"]):
        path = os.path.join(src, "%d.csv" % i)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.utime(path, (base + i * 10, base + i * 10))
    spark.readStream.schema("v INT, k STRING").csv(src).createOrReplaceTempView("stmt_stream")
    try:
        totals = spark.sql("SELECT k, sum(v) AS total FROM stmt_stream GROUP BY k")
        assert totals.isStreaming
        q = (totals.writeStream.format("memory").queryName("stmt_stream_totals").outputMode("complete")
             .trigger(availableNow=True).start())
        assert q.awaitTermination(60)
        assert q.exception() is None
        rows = spark.sql("SELECT * FROM stmt_stream_totals ORDER BY k").collect()
        assert [tuple(r) for r in rows] == [("a", 4), ("b", 2), ("c", 4)]
    finally:
        spark.catalog.dropTempView("stmt_stream")
