"""cache/persist/unpersist/storageLevel: lazy, materialized by the first action, then read instead of the input."""

import os

import pytest

from ember import StorageLevel
from ember.errors import AnalysisException, PySparkTypeError
from ember.sql.functions import col

SCHEMA = "id INT, dept STRING, amount INT"


def write_csv(path, n):
    with open(path, "w") as f:
        for i in range(n):
            f.write("%d,d%d,%d\n" % (i, i % 3, i * 10))


def test_derived_queries_read_the_cache_after_the_csv_input_is_deleted(spark, tmp_path):
    path = str(tmp_path / "sales.csv")
    write_csv(path, 20)
    sales = spark.read.schema(SCHEMA).csv(path)
    assert not sales.is_cached
    assert sales.cache() is sales
    assert sales.is_cached
    assert sales.storageLevel == StorageLevel.MEMORY_AND_DISK_DESER
    assert sales.count() == 20
    os.remove(path)

    big = sales.filter(col("amount") >= 100).select("id", "dept")
    assert not big.is_cached
    assert [tuple(r) for r in big.orderBy("id").limit(2).collect()] == [(10, "d1"), (11, "d2")]
    totals = sales.groupBy("dept").sum("amount").orderBy("dept").collect()
    assert [tuple(r) for r in totals] == [("d0", 630), ("d1", 700), ("d2", 570)]

    sales.unpersist()
    assert sales.storageLevel == StorageLevel.NONE
    with pytest.raises(Exception):
        sales.count()


def test_persist_keeps_the_level_and_rejects_what_is_not_a_level(spark):
    df = spark.range(10)
    df.persist(StorageLevel.MEMORY_ONLY)
    assert df.storageLevel == StorageLevel.MEMORY_ONLY
    assert df.count() == 10
    df.unpersist(blocking=True)
    assert not df.is_cached
    with pytest.raises(PySparkTypeError):
        df.persist("MEMORY_ONLY")


def test_caching_a_streaming_dataframe_is_sparks_error(spark, tmp_path):
    stream = spark.readStream.schema(SCHEMA).csv(str(tmp_path))
    with pytest.raises(AnalysisException, match="writeStream.start"):
        stream.cache()


def test_cached_view_serves_sql_after_the_input_is_deleted(spark, tmp_path):
    path = str(tmp_path / "view.csv")
    write_csv(path, 9)
    spark.read.schema(SCHEMA).csv(path).createOrReplaceTempView("cached_view")
    assert not spark.catalog.isCached("cached_view")
    spark.catalog.cacheTable("cached_view")
    assert spark.catalog.isCached("cached_view")
    assert spark.sql("SELECT count(*) AS n FROM cached_view").collect()[0].n == 9
    os.remove(path)
    rows = spark.sql("SELECT dept, sum(amount) AS s FROM cached_view GROUP BY dept ORDER BY dept").collect()
    assert [tuple(r) for r in rows] == [("d0", 90), ("d1", 120), ("d2", 150)]
    assert spark.table("cached_view").count() == 9
    spark.catalog.uncacheTable("cached_view")
    assert not spark.catalog.isCached("cached_view")
    spark.catalog.cacheTable("cached_view", StorageLevel.MEMORY_ONLY)
    spark.catalog.clearCache()
    assert not spark.catalog.isCached("cached_view")
    with pytest.raises(AnalysisException):
        spark.catalog.isCached("no_such_view")
    spark.catalog.dropTempView("cached_view")
