"""Databases, persistent views, ALTER/TRUNCATE/SHOW and INSERT with a column list or a PARTITION clause, from
Python, as PySpark runs them. Every test works in a warehouse of its own under tmp_path and ends in ``default``."""

import os

import pytest

from ember.errors import AnalysisException


@pytest.fixture
def warehouse(spark, tmp_path):
    path = str(tmp_path / "warehouse")
    spark.conf.set("spark.sql.warehouse.dir", path)
    yield path
    spark.catalog.setCurrentDatabase("default")
    spark.conf.unset("spark.sql.warehouse.dir")


def _rows(df):
    return sorted(tuple(r) for r in df.collect())


def test_databases_use_and_qualified_names(spark, warehouse):
    spark.sql("CREATE DATABASE py_shop")
    spark.catalog.setCurrentDatabase("py_shop")
    assert spark.catalog.currentDatabase() == "py_shop"
    spark.createDataFrame([("pen", 2)], "name STRING, price INT").write.format("json").saveAsTable("items")
    assert os.path.isdir(os.path.join(warehouse, "py_shop.db", "items"))
    assert [t.name for t in spark.catalog.listTables()] == ["items"]
    spark.sql("USE default")
    assert spark.catalog.currentDatabase() == "default"
    assert _rows(spark.table("py_shop.items")) == [("pen", 2)]
    assert spark.catalog.tableExists("items", "py_shop") and not spark.catalog.tableExists("items")
    assert [r.tableName for r in spark.sql("SHOW TABLES IN py_shop").collect()] == ["items"]
    with pytest.raises(AnalysisException, match="SCHEMA_NOT_FOUND"):
        spark.catalog.setCurrentDatabase("py_nope")
    with pytest.raises(AnalysisException, match="SCHEMA_NOT_EMPTY") as info:
        spark.sql("DROP DATABASE py_shop")
    assert info.value.getErrorClass() == "SCHEMA_NOT_EMPTY"
    spark.sql("DROP DATABASE py_shop CASCADE")
    assert not spark.catalog.databaseExists("py_shop")


def test_persistent_views(spark, warehouse):
    spark.sql("CREATE TABLE py_orders (id INT, amount INT) USING json")
    spark.sql("INSERT INTO py_orders VALUES (1, 10), (2, 200)")
    spark.sql("CREATE VIEW py_big AS SELECT id, amount FROM py_orders WHERE amount > 100")
    assert _rows(spark.table("py_big")) == [(2, 200)]
    spark.sql("INSERT INTO py_orders VALUES (3, 300)")
    assert _rows(spark.sql("SELECT id FROM py_big")) == [(2,), (3,)]
    kinds = {t.name: t.tableType for t in spark.catalog.listTables()}
    assert kinds["py_big"] == "VIEW" and kinds["py_orders"] == "MANAGED"
    assert [r.viewName for r in spark.sql("SHOW VIEWS").collect()] == ["py_big"]
    spark.createDataFrame([(9, 9)], "id INT, amount INT").createOrReplaceTempView("py_big")
    assert _rows(spark.table("py_big")) == [(9, 9)]
    assert _rows(spark.table("default.py_big")) == [(2, 200), (3, 300)]
    with pytest.raises(AnalysisException, match="INVALID_TEMP_OBJ_REFERENCE"):
        spark.sql("CREATE VIEW py_other AS SELECT * FROM py_big")
    spark.catalog.dropTempView("py_big")
    spark.sql("DROP VIEW py_big")
    with pytest.raises(AnalysisException, match="TABLE_OR_VIEW_NOT_FOUND"):
        spark.table("py_big")


def test_alter_truncate_show_and_partitioned_inserts(spark, warehouse):
    spark.sql("CREATE TABLE py_events (what STRING, n INT, day STRING) USING csv PARTITIONED BY (day)")
    spark.sql("INSERT INTO py_events PARTITION (day = 'mon') (what) VALUES ('a')")
    spark.sql("INSERT INTO py_events PARTITION (day) SELECT 'b', 2, 'tue'")
    assert _rows(spark.table("py_events")) == [("a", None, "mon"), ("b", 2, "tue")]
    assert [r.partition for r in spark.sql("SHOW PARTITIONS py_events").collect()] == ["day=mon", "day=tue"]
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    try:
        spark.sql("INSERT OVERWRITE py_events PARTITION (day) SELECT 'c', 3, 'tue'")
    finally:
        spark.conf.unset("spark.sql.sources.partitionOverwriteMode")
    assert _rows(spark.table("py_events")) == [("a", None, "mon"), ("c", 3, "tue")]
    spark.sql("TRUNCATE TABLE py_events PARTITION (day = 'mon')")
    assert _rows(spark.table("py_events")) == [("c", 3, "tue")]
    spark.sql("ALTER TABLE py_events RENAME TO py_log")
    spark.sql("ALTER TABLE py_log ADD COLUMNS (note STRING)")
    spark.sql("ALTER TABLE py_log SET TBLPROPERTIES ('team' = 'data')")
    assert spark.table("py_log").columns == ["what", "n", "note", "day"]
    text = spark.sql("SHOW CREATE TABLE py_log").collect()[0].createtab_stmt
    assert text.startswith("CREATE TABLE spark_catalog.default.py_log (\n  what STRING,\n  n INT,\n  note STRING,")
    assert "PARTITIONED BY (day)" in text and "'team' = 'data'" in text
    detail = {r.col_name: r.data_type for r in spark.sql("DESCRIBE TABLE EXTENDED py_log").collect()}
    assert detail["Type"] == "MANAGED" and detail["Provider"] == "csv" and detail["Table Properties"] == "[team=data]"
    assert [r.col_name for r in spark.sql("SHOW COLUMNS IN py_log").collect()] == ["what", "n", "note", "day"]
    spark.sql("TRUNCATE TABLE py_log")
    assert spark.table("py_log").count() == 0
