"""Window functions through the bridge: Window specs, Column.over, ranking/offset functions, frames, SQL OVER.

Expected rows are worked out by hand from Spark's documented semantics.
"""

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException
from ember.sql import Row, Window


@pytest.fixture(scope="module")
def emp(spark):
    df = spark.createDataFrame(
        [("sales", "a", 100), ("sales", "b", 200), ("sales", "c", 200), ("sales", "d", None),
         ("eng", "e", 300), ("eng", "f", 150), (None, "g", 50)], ["dept", "name", "salary"])
    df.createOrReplaceTempView("wemp")
    return df


def test_window_spec_builds_the_protocol_expression():
    w = Window.partitionBy("dept").orderBy(F.col("salary").desc()).rowsBetween(Window.unboundedPreceding, 1)
    expr = F.sum("salary").over(w)._expr
    assert expr["expr"] == "window"
    assert expr["function"]["name"] == "sum"
    assert expr["partitionBy"] == [{"expr": "col", "name": "dept", "planId": None}]
    assert expr["orderBy"][0]["ascending"] is False and expr["orderBy"][0]["nullsFirst"] is False
    assert expr["frame"] == {"type": "rows", "start": -(1 << 63), "end": 1}


def test_ranking_functions_share_ranks_on_ties(emp):
    by_salary = Window.partitionBy("dept").orderBy(F.col("salary").desc())
    df = emp.select("name", F.rank().over(by_salary).alias("r"), F.dense_rank().over(by_salary).alias("dr"),
                    F.row_number().over(Window.partitionBy("dept").orderBy(F.desc("salary"), "name")).alias("rn"))
    assert df.orderBy("name").collect() == [
        Row(name="a", r=3, dr=2, rn=3), Row(name="b", r=1, dr=1, rn=1), Row(name="c", r=1, dr=1, rn=2),
        Row(name="d", r=4, dr=3, rn=4), Row(name="e", r=1, dr=1, rn=1), Row(name="f", r=2, dr=2, rn=2),
        Row(name="g", r=1, dr=1, rn=1)]


def test_default_frames_lag_lead_and_ntile(emp):
    by_name = Window.partitionBy("dept").orderBy("name")
    df = (emp.withColumn("running", F.sum("salary").over(Window.partitionBy("dept").orderBy("salary")))
          .withColumn("total", F.sum("salary").over(Window.partitionBy("dept")))
          .withColumn("prev", F.lag("salary").over(by_name))
          .withColumn("next", F.lead("salary", 1, 0).over(by_name))
          .withColumn("tile", F.ntile(3).over(Window.orderBy("name")))
          .drop("dept", "salary"))
    assert [tuple(r) for r in df.orderBy("name").collect()] == [
        ("a", 100, 500, None, 200, 1), ("b", 500, 500, 100, 200, 1), ("c", 500, 500, 200, None, 1),
        ("d", None, 500, 200, 0, 2), ("e", 450, 450, None, 150, 2), ("f", 150, 450, 300, 0, 3),
        ("g", 50, 50, None, 0, 3)]


def test_rows_and_range_frames(emp):
    df = emp.select(
        "name",
        F.avg("salary").over(Window.partitionBy("dept").orderBy("name").rowsBetween(-1, Window.currentRow))
        .alias("avg2"),
        F.sum("salary").over(Window.partitionBy("dept").orderBy("salary").rangeBetween(-100, 0)).alias("within"))
    assert [tuple(r) for r in df.orderBy("name").collect()] == [
        ("a", 100.0, 100), ("b", 150.0, 500), ("c", 200.0, 500), ("d", 200.0, None), ("e", 300.0, 300),
        ("f", 225.0, 150), ("g", 50.0, 50)]


def test_sql_over_clauses(spark, emp):
    rows = spark.sql("SELECT name, RANK() OVER (PARTITION BY dept ORDER BY salary DESC) AS r,"
                     " COUNT(*) OVER (PARTITION BY dept) AS n FROM wemp ORDER BY name").collect()
    assert [tuple(r) for r in rows] == [("a", 3, 4), ("b", 1, 4), ("c", 1, 4), ("d", 4, 4), ("e", 1, 2),
                                        ("f", 2, 2), ("g", 1, 1)]


def test_a_window_function_without_over_is_an_analysis_exception(emp):
    with pytest.raises(AnalysisException) as e:
        emp.select(F.row_number()).collect()
    assert "WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE" in str(e.value)
