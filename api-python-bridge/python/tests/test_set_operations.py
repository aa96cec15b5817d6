"""intersect, intersectAll, subtract and exceptAll from Python, and their SQL forms with EXPLAIN."""

import pytest

from ember.errors import AnalysisException
from ember.sql import Row


@pytest.fixture(scope="module")
def frames(spark):
    left = spark.createDataFrame([(1, "x"), (1, "x"), (1, "x"), (2, None), (2, None), (None, None), (3, "z")],
                                 "a int, b string")
    right = spark.createDataFrame([(1, "x"), (1, "x"), (2, None), (None, None), (None, None), (4, "w")],
                                  "k bigint, v string")
    return left, right


def _sorted(df):
    return sorted(df.collect(), key=lambda r: (r[0] is None, r[0] or 0, r[1] or ""))


def test_intersect_keeps_distinct_common_rows_with_nulls_equal(frames):
    left, right = frames
    df = left.intersect(right)
    assert df.columns == ["a", "b"]
    assert _sorted(df) == [Row(a=1, b="x"), Row(a=2, b=None), Row(a=None, b=None)]
    assert df.dtypes == [("a", "bigint"), ("b", "string")]


def test_intersect_all_and_except_all_count_duplicates(frames):
    left, right = frames
    assert _sorted(left.intersectAll(right)) == [Row(a=1, b="x"), Row(a=1, b="x"), Row(a=2, b=None),
                                                 Row(a=None, b=None)]
    assert _sorted(left.exceptAll(right)) == [Row(a=1, b="x"), Row(a=2, b=None), Row(a=3, b="z")]
    assert _sorted(right.exceptAll(left)) == [Row(k=4, v="w"), Row(k=None, v=None)]


def test_subtract_keeps_distinct_rows_only_on_the_left(frames):
    left, right = frames
    df = left.subtract(right)
    assert df.collect() == [Row(a=3, b="z")]
    assert df.filter(df["a"] > 2).select("b").collect() == [Row(b="z")]


def test_different_widths_are_an_analysis_error(frames):
    left, right = frames
    with pytest.raises(AnalysisException, match="NUM_COLUMNS_MISMATCH"):
        left.intersect(right.select("k")).collect()


def test_sql_set_operations_and_explain(spark, frames):
    left, right = frames
    left.createOrReplaceTempView("set_l")
    right.createOrReplaceTempView("set_r")
    assert spark.sql("SELECT * FROM set_l MINUS SELECT * FROM set_r").collect() == [Row(a=3, b="z")]
    assert spark.sql("SELECT count(*) AS n FROM (SELECT * FROM set_l INTERSECT ALL SELECT * FROM set_r) t"
                     ).collect() == [Row(n=4)]
    plan = spark.sql("EXPLAIN EXTENDED SELECT * FROM set_l EXCEPT ALL SELECT * FROM set_r")
    assert plan.columns == ["plan"]
    text = plan.collect()[0].plan
    assert text.startswith("== Parsed Logical Plan ==") and "== Physical Plan ==" in text
