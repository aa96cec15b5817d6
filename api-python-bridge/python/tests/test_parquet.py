"""Parquet files through the bridge: spark.read.parquet, df.write.parquet, and the streaming file source and sink."""

import datetime
import decimal
import os

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException
from ember.sql import Row


def _parts(path):
    return sorted(name for name in os.listdir(path) if not name.startswith(("_", ".")))


def test_write_then_read_parquet_keeps_types_and_nulls(spark, tmp_path):
    df = spark.createDataFrame(
        [(1, "a", 2.5, True, decimal.Decimal("1.25"), datetime.date(2024, 2, 29),
          datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc)),
         (2, None, None, None, None, None, None)],
        "id INT, s STRING, x DOUBLE, b BOOLEAN, d DECIMAL(10,2), day DATE, ts TIMESTAMP")
    out = str(tmp_path / "out")
    df.write.parquet(out)
    parts = _parts(out)
    assert parts and all(name.startswith("part-") and name.endswith(".snappy.parquet") for name in parts)
    back = spark.read.parquet(out)
    assert back.dtypes == df.dtypes
    assert back.orderBy("id").collect() == df.orderBy("id").collect()


def test_modes_partitioning_compression_and_format_load(spark, tmp_path):
    out = str(tmp_path / "by_k")
    df = spark.createDataFrame([(1, "x"), (2, "y"), (3, "x")], ["id", "k"])
    df.write.parquet(out, partitionBy="k", compression="gzip")
    assert sorted(os.listdir(out)) == ["_SUCCESS", "_ember_commits", "k=x", "k=y"]
    assert all(name.endswith(".gz.parquet") for name in _parts(os.path.join(out, "k=x")))
    with pytest.raises(AnalysisException, match="already exists"):
        df.write.parquet(out)
    df.write.mode("append").format("parquet").partitionBy("k").save(out)
    back = spark.read.format("parquet").load(out)
    assert back.filter(F.col("k") == "x").count() == 4
    assert back.select("id", "k").orderBy("id", "k").first() == Row(id=1, k="x")


def test_missing_path_and_unsupported_column_name_the_problem(spark, tmp_path):
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark.read.parquet(str(tmp_path / "absent"))
    with pytest.raises(AnalysisException, match="`xs`"):
        spark.sql("SELECT array(INTERVAL '1' HOUR) AS xs").write.parquet(str(tmp_path / "intervals"))


def test_an_empty_dataframe_writes_one_file_that_keeps_the_schema(spark, tmp_path):
    out = str(tmp_path / "empty")
    spark.createDataFrame([], "id INT, tags ARRAY<STRING>").write.parquet(out)
    assert len(_parts(out)) == 1
    back = spark.read.parquet(out)
    assert back.dtypes == [("id", "int"), ("tags", "array<string>")]
    assert back.count() == 0


def test_filters_give_the_same_rows_with_pushdown_on_and_off(spark, tmp_path, capsys):
    out = str(tmp_path / "events")
    rows = [(i, "user%d" % (i % 7) if i % 5 else None, i * 0.5 if i % 3 else None,
             datetime.date(2024, 1, 1) + datetime.timedelta(days=i)) for i in range(2000)]
    (spark.createDataFrame(rows, "id INT, user STRING, score DOUBLE, day DATE").coalesce(1)
     .write.option("parquet.block.size", 4096).parquet(out))
    filters = [F.col("id") >= 1990, (F.col("id") < 5) | (F.col("user") == "user3"), F.col("user").isNull(),
               ~F.col("id").isin(1, 2, 3), F.col("score") <= 1.0, F.col("day") == datetime.date(2024, 3, 1),
               F.col("score").isNotNull() & (F.col("id") > 1500)]
    for f in filters:
        spark.conf.set("spark.sql.parquet.filterPushdown", "false")
        off = spark.read.parquet(out).filter(f).orderBy("id").collect()
        spark.conf.set("spark.sql.parquet.filterPushdown", "true")
        on = spark.read.parquet(out).filter(f).orderBy("id").collect()
        assert on == off
    assert [r.id for r in spark.read.parquet(out).filter(F.col("id") >= 1998).collect()] == [1998, 1999]
    spark.read.parquet(out).filter(F.col("id") > 1990).explain()
    assert "PushedFilters: [GreaterThan(id,1990)]" in capsys.readouterr().out


def test_structs_arrays_and_maps_round_trip(spark, tmp_path):
    df = spark.createDataFrame(
        [(1, (2, "x"), [1, None, 3], {"a": 1.5, "b": None}, [{"k": [1]}, None]),
         (2, None, [], {}, []),
         (3, (None, None), None, None, None)],
        "id INT, s STRUCT<a: INT, b: STRING>, xs ARRAY<INT>, m MAP<STRING, DOUBLE>, "
        "deep ARRAY<MAP<STRING, ARRAY<BIGINT>>>")
    out = str(tmp_path / "nested")
    df.write.parquet(out)
    back = spark.read.parquet(out)
    assert back.dtypes == df.dtypes
    assert back.orderBy("id").collect() == df.orderBy("id").collect()
    assert back.filter(F.col("id") == 1).select(F.col("s.b"), F.col("xs")[2], F.col("m")["a"]).first() == \
        Row(b="x", **{"xs[2]": 3, "m[a]": 1.5})


def test_streaming_parquet_source_and_sink(spark, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    out = str(tmp_path / "out")
    spark.createDataFrame([(i, "u%d" % (i % 2)) for i in range(10)], ["id", "user"]).write.parquet(
        str(tmp_path / "staged"))
    q = (spark.readStream.schema("id BIGINT, user STRING").parquet(str(incoming))
         .filter(F.col("user") == "u1")
         .writeStream.format("parquet").option("checkpointLocation", str(tmp_path / "cp")).start(out))
    try:
        for name in _parts(str(tmp_path / "staged")):
            os.rename(str(tmp_path / "staged" / name), str(incoming / name))
        q.processAllAvailable()
    finally:
        q.stop()
    assert sorted(r.id for r in spark.read.parquet(out).collect()) == [1, 3, 5, 7, 9]
