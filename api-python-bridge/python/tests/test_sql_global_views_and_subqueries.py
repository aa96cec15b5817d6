"""Global temporary views, subqueries in expressions and DIV from Python."""

import pytest

import ember.sql.functions as F
from ember.errors import AnalysisException
from ember.sql import Row


@pytest.fixture()
def cleanup(spark):
    yield
    for t in spark.catalog.listTables("global_temp"):
        if t.database == "global_temp":
            spark.catalog.dropGlobalTempView(t.name)


def test_a_global_view_is_read_through_global_temp(spark, cleanup):
    spark.range(3).createGlobalTempView("py_nums")

    assert spark.sql("SELECT sum(id) AS s FROM global_temp.py_nums").collect() == [Row(s=3)]
    assert spark.table("global_temp.py_nums").count() == 3
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.sql("SELECT * FROM py_nums")
    with pytest.raises(AnalysisException, match="TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"):
        spark.range(1).createGlobalTempView("py_nums")
    spark.range(5).createOrReplaceGlobalTempView("py_nums")
    assert spark.table("global_temp.py_nums").count() == 5


def test_the_catalog_lists_checks_and_drops_global_views(spark, cleanup):
    spark.range(1).createGlobalTempView("py_g")
    spark.range(1).createOrReplaceTempView("py_local")

    tables = spark.catalog.listTables("global_temp")
    by_name = {t.name: t for t in tables}
    assert by_name["py_g"].database == "global_temp" and by_name["py_g"].isTemporary is True
    assert by_name["py_local"].database is None
    assert "py_g" not in [t.name for t in spark.catalog.listTables()]
    assert spark.catalog.tableExists("global_temp.py_g") is True
    assert spark.catalog.tableExists("py_g", "global_temp") is True
    assert spark.catalog.tableExists("py_g") is False
    assert spark.catalog.dropGlobalTempView("py_g") is True
    assert spark.catalog.dropGlobalTempView("py_g") is False
    spark.catalog.dropTempView("py_local")


def test_subqueries_and_div_in_sql_and_expr(spark):
    spark.createDataFrame([(1, 10), (2, 20), (None, 30)], "k int, a int").createOrReplaceTempView("py_t1")
    spark.createDataFrame([(1, 100), (1, 150), (None, 5)], "k int, b int").createOrReplaceTempView("py_t2")

    rows = spark.sql("SELECT k, (SELECT count(*) FROM py_t2 WHERE py_t2.k = py_t1.k) AS c FROM py_t1 "
                     "WHERE EXISTS (SELECT 1 FROM py_t2 WHERE b > py_t1.a) ORDER BY k NULLS LAST").collect()
    assert rows == [Row(k=1, c=2), Row(k=2, c=0), Row(k=None, c=0)]
    assert spark.sql("SELECT a FROM py_t1 WHERE k NOT IN (SELECT k FROM py_t2)").collect() == []
    assert spark.table("py_t1").select(F.expr("a DIV 3").alias("q")).orderBy("q").collect() == [
        Row(q=3), Row(q=6), Row(q=10)]


def test_named_windows_in_sql(spark):
    spark.createDataFrame([("a", 1), ("a", 2), ("b", 5)], "g string, v int").createOrReplaceTempView("py_w")

    rows = spark.sql("SELECT g, v, rank() OVER w AS r, sum(v) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND "
                     "UNBOUNDED FOLLOWING) AS total FROM py_w WINDOW w AS (PARTITION BY g ORDER BY v DESC) "
                     "ORDER BY g, v").collect()
    assert rows == [Row(g="a", v=1, r=2, total=3), Row(g="a", v=2, r=1, total=3), Row(g="b", v=5, r=1, total=5)]
