"""Reading and writing files through the bridge."""

import os

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException
from ember.sql import Row


@pytest.fixture()
def people_csv(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,age,city\nAnn,34,Oslo\nBob,,Rome\nCid,27,\n")
    return str(path)


def test_read_csv_with_keyword_options(spark, people_csv):
    df = spark.read.csv(people_csv, header=True, inferSchema=True)
    assert df.dtypes == [("name", "string"), ("age", "int"), ("city", "string")]
    assert df.orderBy("name").collect() == [Row(name="Ann", age=34, city="Oslo"), Row(name="Bob", age=None, city="Rome"),
                                            Row(name="Cid", age=27, city=None)]


def test_read_csv_with_ddl_schema_and_format_load(spark, people_csv):
    df = spark.read.format("csv").option("header", True).schema("name STRING, age LONG, city STRING").load(people_csv)
    assert df.dtypes == [("name", "string"), ("age", "bigint"), ("city", "string")]
    assert df.filter(F.col("age") > 30).select("name").collect() == [Row(name="Ann")]


def test_missing_path_is_an_analysis_exception(spark, tmp_path):
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark.read.csv(str(tmp_path / "absent.csv"))


def test_write_then_read_csv_and_json(spark, tmp_path):
    df = spark.createDataFrame([(1, "a"), (2, None)], ["id", "s"])
    out = str(tmp_path / "out_csv")
    df.write.mode("overwrite").csv(out, header=True)
    assert any(name.endswith(".csv") for name in os.listdir(out))
    back = spark.read.csv(out, header=True, inferSchema=True).orderBy("id")
    assert back.collect() == [Row(id=1, s="a"), Row(id=2, s=None)]
    out_json = str(tmp_path / "out_json")
    df.write.format("json").save(out_json)
    assert spark.read.json(out_json).orderBy("id").select("id", "s").collect() == [Row(id=1, s="a"),
                                                                                   Row(id=2, s=None)]


def test_write_to_existing_path_in_error_mode_fails(spark, tmp_path):
    df = spark.range(2)
    out = str(tmp_path / "twice")
    df.write.csv(out)
    with pytest.raises(AnalysisException, match="already exists"):
        df.write.csv(out)
    df.write.mode("append").csv(out)
    assert spark.read.csv(out).count() == 4


def test_partitioned_write_and_text(spark, tmp_path):
    df = spark.createDataFrame([("x", 1), ("y", 2)], ["k", "v"])
    out = str(tmp_path / "parts")
    df.write.partitionBy("k").mode("overwrite").csv(out)
    assert sorted(d for d in os.listdir(out) if d.startswith("k=")) == ["k=x", "k=y"]
    text_out = str(tmp_path / "text")
    df.select("k").write.text(text_out)
    assert sorted(r.value for r in spark.read.text(text_out).collect()) == ["x", "y"]
