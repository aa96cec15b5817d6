"""rollup, cube, grouping and grouping_id from Python, the plan they send, and the same in SQL."""

import pytest

from ember.errors import AnalysisException
from ember.sql import Row
from ember.sql import functions as F


@pytest.fixture(scope="module")
def df(spark):
    return spark.createDataFrame([("a", 1, 10), ("a", 2, 20), (None, 1, 5), ("b", 1, None), ("a", 1, 1)],
                                 "k string, g int, v bigint")


def _sorted(rows):
    return sorted(rows, key=lambda r: tuple((x is None, x if x is not None else 0) for x in r))


def test_rollup_sends_its_grouping_sets(df):
    plan = df.rollup("k", "g").count()._plan
    assert plan["node"] == "GroupingSets"
    assert plan["sets"] == [[0, 1], [0], []]
    assert df.cube("k", "g").count()._plan["sets"] == [[0, 1], [0], [1], []]


def test_rollup_gives_subtotals_a_grand_total_and_grouping_bits(df):
    out = df.rollup("k", "g").agg(F.sum("v").alias("s"), F.grouping("k").alias("gk"), F.grouping_id().alias("id"))
    assert out.columns == ["k", "g", "s", "gk", "id"]
    assert _sorted(out.collect()) == _sorted([
        Row(k="a", g=1, s=11, gk=0, id=0), Row(k="a", g=2, s=20, gk=0, id=0), Row(k=None, g=1, s=5, gk=0, id=0),
        Row(k="b", g=1, s=None, gk=0, id=0), Row(k="a", g=None, s=31, gk=0, id=1),
        Row(k=None, g=None, s=5, gk=0, id=1), Row(k="b", g=None, s=None, gk=0, id=1),
        Row(k=None, g=None, s=36, gk=1, id=3)])
    assert dict(out.dtypes)["id"] == "bigint"


def test_cube_groups_by_every_subset(df):
    out = df.cube(F.col("k"), "g").agg(F.count("*").alias("n"), F.grouping_id("k", "g").alias("id"))
    by_set = {}
    for r in out.collect():
        by_set.setdefault(r["id"], []).append(r)
    assert sorted(by_set) == [0, 1, 2, 3]
    assert _sorted([(r.g, r.n) for r in by_set[2]]) == [(1, 4), (2, 1)]
    assert [r.n for r in by_set[3]] == [5]


def test_a_null_of_the_data_stays_apart_from_a_rolled_up_null(df):
    out = df.rollup("k").agg(F.count("*").alias("n"), F.grouping("k").alias("rolled"))
    nulls = _sorted([(r.n, r.rolled) for r in out.collect() if r.k is None])
    assert nulls == [(1, 0), (5, 1)]


def test_grouped_data_shortcuts_work_on_a_rollup(df):
    assert _sorted(df.rollup("g").sum("v").collect()) == _sorted([Row(g=1, **{"sum(v)": 16}),
                                                                Row(g=2, **{"sum(v)": 20}),
                                                                Row(g=None, **{"sum(v)": 36})])


def test_misused_grouping_functions_are_sparks_errors(df):
    with pytest.raises(AnalysisException, match="GROUPING_COLUMN_MISMATCH"):
        df.cube("k", "g").agg(F.grouping("v")).collect()
    with pytest.raises(AnalysisException, match="GROUPING_ID_COLUMN_MISMATCH"):
        df.cube("k", "g").agg(F.grouping_id("g")).collect()


def test_sql_rollup_cube_and_grouping_sets(spark, df):
    df.createOrReplaceTempView("gs")
    rows = spark.sql("SELECT k, g, count(*) AS n FROM gs GROUP BY GROUPING SETS ((k, g), ()) "
                     "HAVING grouping_id() = 3").collect()
    assert rows == [Row(k=None, g=None, n=5)]
    ordered = spark.sql("SELECT g, sum(v) AS s FROM gs GROUP BY CUBE(g) ORDER BY grouping(g), g").collect()
    assert ordered == [Row(g=1, s=16), Row(g=2, s=20), Row(g=None, s=36)]
