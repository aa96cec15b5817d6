"""SQL from Python: spark.sql over temporary views, selectExpr, F.expr, string filters and the catalog."""

import os
import subprocess
import textwrap

import pytest

import ember.sql.functions as F
from conftest import REPO
from ember.errors import AnalysisException, ParseException
from ember.sql import Row


@pytest.fixture(scope="module")
def views(spark):
    sales = spark.createDataFrame(
        [("East", "tea", 3, 2.5), ("West", "tea", 1, 2.5), ("East", "coffee", 2, 4.0), ("North", "cake", 5, 1.0)],
        "region string, product string, qty int, price double")
    regions = spark.createDataFrame([("East", "Ann"), ("West", "Bob")], ["region", "manager"])
    sales.createOrReplaceTempView("sales")
    regions.createOrReplaceTempView("regions")
    return sales


def test_a_query_groups_and_orders_a_view(spark, views):
    df = spark.sql("SELECT region, sum(qty) AS total, count(*) AS n FROM sales GROUP BY region "
                   "ORDER BY total DESC, region DESC")

    assert df.columns == ["region", "total", "n"]
    assert df.collect() == [Row(region="North", total=5, n=1), Row(region="East", total=5, n=2),
                            Row(region="West", total=1, n=1)]


def test_a_query_joins_two_views_and_the_result_is_a_dataframe(spark, views):
    df = spark.sql("SELECT s.product, r.manager FROM sales s JOIN regions r ON s.region = r.region "
                   "WHERE s.qty > 1 ORDER BY s.product")

    assert df.collect() == [Row(product="coffee", manager="Ann"), Row(product="tea", manager="Ann")]
    assert df.filter(df["manager"] == "Ann").select(F.upper("product").alias("p")).orderBy("p").collect() == [
        Row(p="COFFEE"), Row(p="TEA")]


def test_a_view_over_a_sql_dataframe_and_spark_table(spark, views):
    spark.sql("SELECT region, qty * price AS revenue FROM sales").createOrReplaceTempView("revenue")

    df = spark.table("REVENUE").groupBy("region").agg(F.sum("revenue").alias("r")).orderBy("region")

    assert df.collect() == [Row(region="East", r=15.5), Row(region="North", r=5.0), Row(region="West", r=2.5)]


def test_select_expr_takes_sql_expressions_with_aliases(views):
    df = views.selectExpr("upper(region) AS region", "qty * 2 AS double_qty", "CASE WHEN qty > 2 THEN 'big' END")

    assert df.columns[:2] == ["region", "double_qty"]
    assert [tuple(r) for r in df.collect()] == [("EAST", 6, "big"), ("WEST", 2, None), ("EAST", 4, None),
                                                ("NORTH", 10, "big")]


def test_expr_in_select_and_in_agg(views):
    selected = views.select("product", F.expr("price * qty AS revenue")).where("revenue > 5").orderBy("product")
    aggregated = views.groupBy("region").agg(F.expr("sum(qty) AS total"), F.expr("max(price)")).orderBy("region")

    assert selected.collect() == [Row(product="coffee", revenue=8.0), Row(product="tea", revenue=7.5)]
    assert aggregated.columns[:2] == ["region", "total"]
    assert [tuple(r) for r in aggregated.collect()] == [("East", 5, 4.0), ("North", 5, 1.0), ("West", 1, 2.5)]


def test_filter_and_where_take_a_sql_string(views):
    assert views.filter("qty > 2 AND region = 'East'").collect() == [Row(region="East", product="tea", qty=3,
                                                                         price=2.5)]
    assert views.where("product LIKE 'c%'").count() == 2


def test_a_syntax_error_is_a_parse_exception_with_line_and_position(spark, views):
    with pytest.raises(ParseException) as info:
        spark.sql("SELECT region\nFROM sales WHERE")
    message = str(info.value)
    assert info.value.getErrorClass() == "PARSE_SYNTAX_ERROR"
    assert "PARSE_SYNTAX_ERROR" in message and "line 2" in message and "pos " in message, message

    with pytest.raises(ParseException, match="PARSE_SYNTAX_ERROR"):
        views.selectExpr("qty +")
    with pytest.raises(ParseException, match="PARSE_SYNTAX_ERROR"):
        views.filter("qty >")


def test_an_unknown_table_or_column_is_an_analysis_exception(spark, views):
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND") as info:
        spark.sql("SELECT * FROM salez")
    assert not isinstance(info.value, ParseException)
    assert "`sales`" in str(info.value)
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.table("nowhere")
    with pytest.raises(AnalysisException, match="UNRESOLVED_COLUMN"):
        views.selectExpr("qtty + 1")


def test_catalog_lists_checks_and_drops_temp_views(spark, views):
    spark.range(3).createTempView("Numbers")
    with pytest.raises(AnalysisException, match="TEMP_TABLE_OR_VIEW_ALREADY_EXISTS"):
        spark.range(1).createTempView("numbers")

    tables = spark.catalog.listTables()
    names = [t.name for t in tables]
    assert {"numbers", "regions", "sales"} <= set(names)
    assert names == sorted(names)
    numbers = tables[names.index("numbers")]
    assert numbers.database is None and numbers.isTemporary is True
    assert spark.catalog.tableExists("NUMBERS") is True
    assert spark.sql("SELECT sum(id) AS s FROM numbers").collect() == [Row(s=3)]

    assert spark.catalog.dropTempView("numbers") is True
    assert spark.catalog.dropTempView("numbers") is False
    assert spark.catalog.tableExists("numbers") is False


def test_a_pyspark_script_with_spark_sql_runs_under_submit(tmp_path):
    script = tmp_path / "sql_job.py"
    script.write_text(textwrap.dedent("""
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.appName("sql-job").getOrCreate()
        spark.createDataFrame([("a", 1), ("b", 2), ("a", 3)], ["k", "v"]).createOrReplaceTempView("t")
        spark.sql("SELECT k, sum(v) AS total FROM t GROUP BY k ORDER BY k").show()
        print([t.name for t in spark.catalog.listTables()])
        spark.stop()
    """))
    result = subprocess.run([os.path.join(REPO, "bin", "ember"), "submit", "--master", "local[2]", str(script)],
                            capture_output=True, text=True, timeout=180)

    assert result.returncode == 0, result.stderr
    assert "|  a|    4|" in result.stdout and "|  b|    2|" in result.stdout, result.stdout
    assert "['t']" in result.stdout
