"""Plans as the protocol's JSON, built against a recording stand-in for the JVM (no bridge)."""

import json

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException, IllegalArgumentException
from ember.sql.dataframe import DataFrame, _node
from ember.sql.types import LongType, StringType, StructType

SCHEMA = StructType().add("id", LongType()).add("name", StringType())


class RecordingSession:
    """Answers analyze with a fixed schema and keeps the plans it was sent."""

    def __init__(self):
        self.analyzed = []

    def _analyze(self, plan):
        json.dumps(plan)  # every plan must be plain JSON
        self.analyzed.append(plan)
        return SCHEMA

    def _analyze_plan(self, plan):
        return self._analyze(plan), False


@pytest.fixture()
def df():
    return DataFrame(_node("LocalRelation", relation=7), RecordingSession())


def test_every_transformation_is_analyzed_at_the_call(df):
    session = df.sparkSession
    out = df.filter(F.col("id") > 1)
    assert session.analyzed[-1] is out._plan
    assert out._plan["node"] == "Filter" and out._plan["child"] is df._plan


def test_plan_ids_are_unique(df):
    a, b = df.select("id"), df.select("id")
    assert a._plan["planId"] != b._plan["planId"] != df._plan["planId"]


def test_select_with_names_and_columns(df):
    plan = df.select("id", F.upper("name").alias("n"))._plan
    assert plan["node"] == "Project"
    assert plan["projections"][0] == {"expr": "col", "name": "id", "planId": None}
    assert plan["projections"][1]["expr"] == "alias"


def test_dataframe_bound_columns_carry_the_plan_id(df):
    assert df.id._expr == {"expr": "col", "name": "id", "planId": df._plan["planId"]}
    assert df["name"]._expr["planId"] == df._plan["planId"]
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        df["nope"]
    with pytest.raises(AttributeError):
        df.nope


def test_with_column_replaces_or_appends(df):
    appended = df.withColumn("x", F.lit(1))._plan["projections"]
    assert appended[0] == {"expr": "star", "qualifier": None}
    assert appended[1] == {"expr": "alias", "child": {"expr": "lit", "value": 1, "type": "integer"}, "name": "x"}
    replaced = df.withColumn("NAME", F.lit("z"))._plan["projections"]
    assert replaced[0] == {"expr": "col", "name": "id", "planId": None}
    assert replaced[1]["name"] == "NAME"


def test_rename_drop_and_dedupe(df):
    renamed = df.withColumnRenamed("id", "key")._plan["projections"]
    assert renamed[0] == {"expr": "alias", "child": {"expr": "col", "name": "id", "planId": None}, "name": "key"}
    assert df.withColumnRenamed("absent", "x") is df
    assert df.drop("name")._plan["projections"] == [{"expr": "col", "name": "id", "planId": None}]
    assert df.drop("absent") is df
    assert df.dropDuplicates(["ID"])._plan["keys"] == ["id"]
    assert df.distinct()._plan["keys"] == []


def test_group_by_and_aggregate(df):
    plan = df.groupBy("name").agg(F.sum("id").alias("s"))._plan
    assert plan["node"] == "Aggregate"
    assert plan["grouping"] == [{"expr": "col", "name": "name", "planId": None}]
    assert [e["expr"] for e in plan["aggregates"]] == ["col", "alias"]
    counted = df.groupBy("name").count()._plan["aggregates"][1]
    assert counted == {"expr": "alias", "name": "count", "child": {
        "expr": "call", "name": "count", "args": [{"expr": "star", "qualifier": None}], "distinct": False}}
    by_dict = df.groupBy().agg({"id": "mean"})._plan["aggregates"]
    assert by_dict[0]["name"] == "avg"


def test_order_by_with_ascending_flags(df):
    order = df.orderBy("id", "name", ascending=[False, True])._plan["order"]
    assert [(o["ascending"], o["nullsFirst"]) for o in order] == [(False, False), (True, True)]
    assert df.sort(F.desc("id"))._plan["order"][0]["ascending"] is False


def test_limit_offset_union_alias(df):
    assert df.limit(5)._plan["limit"] == 5 and df.limit(5)._plan["offset"] == 0
    combined = df.offset(2).limit(3)._plan
    assert (combined["limit"], combined["offset"]) == (3, 2)
    u = df.unionByName(df, allowMissingColumns=True)._plan
    assert (u["node"], u["byName"], u["allowMissingColumns"]) == ("Union", True, True)
    aliased = df.alias("t")._plan
    assert (aliased["node"], aliased["alias"], aliased["child"]) == ("SubqueryAlias", "t", df._plan)


def test_joins(df):
    other = DataFrame(_node("LocalRelation", relation=8), df.sparkSession)
    using = df.join(other, "id", "left")._plan
    assert (using["joinType"], using["usingColumns"], using["condition"]) == ("left_outer", ["id"], None)
    on = df.join(other, df.id == other.id, "full")._plan
    assert on["joinType"] == "full_outer" and on["condition"]["op"] == "EQUAL"
    assert df.join(other)._plan["joinType"] == "cross"
    assert df.join(other, ["id", "name"], "anti")._plan["joinType"] == "left_anti"
    with pytest.raises(IllegalArgumentException, match="UNSUPPORTED_JOIN_TYPE"):
        df.join(other, "id", "sideways")


def test_na_functions(df):
    filled = df.na.fill("?")._plan["projections"]
    assert filled[0] == {"expr": "col", "name": "id", "planId": None}
    assert filled[1]["child"]["name"] == "coalesce"
    dropped = df.dropna(subset=["name"])._plan
    assert dropped["condition"] == {"expr": "op", "op": "IS_NOT_NULL",
                                    "args": [{"expr": "col", "name": "name", "planId": None}]}
