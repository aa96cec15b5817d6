"""Persistent tables from Python: saveAsTable/insertInto, spark.table, SQL DDL, the catalog, and tables as
streams (readStream.table, writeStream.toTable). Every test works in a warehouse of its own under tmp_path."""

import os

import pytest

from ember.errors import AnalysisException


@pytest.fixture
def warehouse(spark, tmp_path):
    path = str(tmp_path / "warehouse")
    spark.conf.set("spark.sql.warehouse.dir", path)
    yield path
    spark.conf.unset("spark.sql.warehouse.dir")


def _rows(df):
    return sorted(tuple(r) for r in df.collect())


def test_save_as_table_insert_into_and_sql(spark, warehouse):
    people = spark.createDataFrame([("ann", 31), ("bob", 45)], "name STRING, age INT")
    people.write.format("csv").option("header", True).saveAsTable("py_people")
    assert os.path.isdir(os.path.join(warehouse, "py_people"))
    assert _rows(spark.table("py_people")) == [("ann", 31), ("bob", 45)]
    spark.createDataFrame([("cy", 7)], "who STRING, years BIGINT").write.insertInto("py_people")
    assert _rows(spark.sql("SELECT name, age FROM py_people WHERE age < 40")) == [("ann", 31), ("cy", 7)]
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_ALREADY_EXISTS"):
        people.write.format("csv").saveAsTable("py_people")
    people.write.insertInto("py_people", overwrite=True)
    assert spark.table("py_people").count() == 2
    with pytest.raises(AnalysisException, match="INSERT_COLUMN_ARITY_MISMATCH"):
        spark.range(1).write.insertInto("py_people")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND") as info:
        spark.table("py_peeple")
    assert "py_people" in str(info.value)


def test_sql_statements_and_the_catalog(spark, warehouse):
    spark.sql("CREATE TABLE py_sales (item STRING, qty INT) USING json")
    spark.sql("INSERT INTO py_sales VALUES ('pen', 2), ('ink', 5)")
    spark.sql("CREATE TABLE py_totals USING csv AS SELECT sum(qty) AS total FROM py_sales")
    assert spark.table("py_totals").collect()[0].total == 7
    names = {t.name: t for t in spark.catalog.listTables()}
    assert names["py_sales"].tableType == "MANAGED" and names["py_sales"].database == "default"
    assert names["py_sales"].isTemporary is False
    assert spark.catalog.tableExists("py_sales") and spark.catalog.tableExists("py_sales", "default")
    assert spark.catalog.getTable("py_totals").tableType == "MANAGED"
    assert [r.tableName for r in spark.sql("SHOW TABLES LIKE 'py_*'").collect()] == ["py_sales", "py_totals"]
    described = {r.col_name: r.data_type for r in spark.sql("DESCRIBE TABLE py_sales").collect()}
    assert described == {"item": "string", "qty": "int"}
    spark.sql("CREATE DATABASE py_db")
    assert spark.catalog.databaseExists("py_db") and spark.catalog.currentDatabase() == "default"
    spark.sql("DROP TABLE py_totals")
    assert not spark.catalog.tableExists("py_totals")
    assert not os.path.exists(os.path.join(warehouse, "py_totals"))
    ext = spark.catalog.createTable("py_ext", path=os.path.join(warehouse, "py_sales"), source="json")
    assert ext.count() == 2 and spark.catalog.getTable("py_ext").tableType == "EXTERNAL"


def test_tables_as_streams(spark, warehouse, tmp_path):
    incoming = tmp_path / "in"
    incoming.mkdir()
    (tmp_path / "a.tmp").write_text('{"k": "a", "v": 1}\n')
    os.rename(tmp_path / "a.tmp", incoming / "a.json")
    checkpoint = str(tmp_path / "cp")
    q = (spark.readStream.schema("k STRING, v BIGINT").json(str(incoming)).writeStream.format("json")
         .option("checkpointLocation", checkpoint).toTable("py_events"))
    q.processAllAvailable()
    q.stop()
    assert _rows(spark.table("py_events")) == [("a", 1)]

    spark.sql("CREATE TABLE py_readings (sensor STRING, value DOUBLE) USING csv")
    stream = spark.readStream.table("py_readings")
    assert stream.isStreaming
    seen = stream.writeStream.format("memory").queryName("py_seen").start()
    try:
        seen.processAllAvailable()
        spark.createDataFrame([("s1", 1.5)], "sensor STRING, value DOUBLE").write.insertInto("py_readings")
        seen.processAllAvailable()
        assert _rows(spark.table("py_seen")) == [("s1", 1.5)]
    finally:
        seen.stop()
