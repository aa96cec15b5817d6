"""repartition/coalesce, describe/summary and replace: their plan JSON and PySpark's argument errors (no JVM),
then end to end against a real bridge."""

import json

import pytest

import ember.sql.functions as F
from ember.errors import PySparkTypeError, PySparkValueError
from ember.sql import Row
from ember.sql.dataframe import DataFrame, _node
from ember.sql.types import LongType, StringType, StructType

SCHEMA = StructType().add("id", LongType()).add("name", StringType())


class RecordingSession:
    def _analyze_plan(self, plan):
        json.dumps(plan)
        return SCHEMA, False


@pytest.fixture()
def df():
    return DataFrame(_node("LocalRelation", relation=7), RecordingSession())


def test_repartition_forms_and_coalesce_as_plan_json(df):
    p = df.repartition(4)._plan
    assert (p["node"], p["numPartitions"], p["partitionExprs"], p["shuffle"]) == ("Repartition", 4, [], True)
    p = df.repartition(3, "id", F.col("name"))._plan
    assert p["numPartitions"] == 3 and [e["name"] for e in p["partitionExprs"]] == ["id", "name"]
    p = df.repartition("id")._plan
    assert p["numPartitions"] == 0 and len(p["partitionExprs"]) == 1
    p = df.coalesce(1)._plan
    assert (p["numPartitions"], p["shuffle"]) == (1, False)
    with pytest.raises(PySparkTypeError, match="NOT_COLUMN_OR_STR"):
        df.repartition(1.5)
    with pytest.raises(PySparkTypeError, match="NOT_INT"):
        df.coalesce("2")


def test_describe_and_summary_as_plan_json(df):
    p = df.describe(["name"])._plan
    assert p["node"] == "Summary" and p["statistics"] == ["count", "mean", "stddev", "min", "max"]
    assert p["child"]["node"] == "Project"
    assert df.summary()._plan["statistics"] == []
    assert df.summary("min", "50%")._plan["statistics"] == ["min", "50%"]


def test_replace_forms_and_errors(df):
    p = df.replace({"a": "b", "c": None})._plan
    assert (p["node"], p["columns"], p["replacement"]) == ("Replace", ["id", "name"], [["a", "b"], ["c", None]])
    assert df.na.replace([1, 2], 0, "id")._plan["replacement"] == [[1, 0], [2, 0]]
    assert df.replace(["x", "y"], ["z", None], subset=["name"])._plan["columns"] == ["name"]
    with pytest.raises(PySparkTypeError, match="ARGUMENT_REQUIRED"):
        df.replace(1)
    with pytest.raises(PySparkValueError, match="LENGTH_SHOULD_BE_THE_SAME"):
        df.replace([1, 2], [3])
    with pytest.raises(PySparkValueError, match="MIXED_TYPE_REPLACEMENT"):
        df.replace({1: "a"})
    with pytest.raises(PySparkValueError, match="MIXED_TYPE_REPLACEMENT"):
        df.replace([True, 1], [False, 2])


@pytest.fixture(scope="module")
def people(spark):
    return spark.createDataFrame([("Alice", 2, 5.5), ("Bob", 5, None), ("Tom", None, 6.0), (None, 10, 4.0)],
                                 "name string, age int, height double")


def test_repartition_keeps_the_rows_and_explain_shows_the_exchange(spark, people, capsys):
    out = people.repartition(3, "name")
    assert sorted(out.collect(), key=str) == sorted(people.collect(), key=str)
    assert people.repartition(2).count() == 4 and people.coalesce(1).count() == 4
    out.explain()
    shown = capsys.readouterr().out
    assert "Exchange hashpartitioning" in shown and "[parallelism=3]" in shown


def test_describe_and_summary_end_to_end(people):
    d = people.describe()
    assert d.columns == ["summary", "name", "age", "height"]
    assert d.collect()[0] == Row(summary="count", name="3", age="3", height="3")
    assert d.collect()[1] == Row(summary="mean", name=None, age="5.666666666666667", height="5.166666666666667")
    assert people.describe("age").collect()[3] == Row(summary="min", age="2")
    s = people.summary("50%", "max").collect()
    assert s == [Row(summary="50%", name=None, age="5", height="5.5"),
                 Row(summary="max", name="Tom", age="10", height="6.0")]


def test_replace_end_to_end(people):
    assert sorted(people.replace(10, 20).collect(), key=str)[-1] == Row(name=None, age=20, height=4.0)
    out = people.na.replace({"Alice": "A", "Bob": None}, subset="name")
    assert [r.name for r in out.collect()] == ["A", None, "Tom", None]
    assert people.replace([2, 5], [3, 6], "age").select("age").collect() == [Row(age=3), Row(age=6), Row(age=None),
                                                                            Row(age=10)]
