"""CREATE TABLE .. LIKE, column comments and ALTER COLUMN .. COMMENT from Python, as PySpark runs them over Spark's
session catalog; REPLACE TABLE is refused for file tables, as in Spark; a bad partitionOverwriteMode fails when set."""

import pytest

from ember.errors import AnalysisException, IllegalArgumentException


@pytest.fixture
def warehouse(spark, tmp_path):
    path = str(tmp_path / "warehouse")
    spark.conf.set("spark.sql.warehouse.dir", path)
    yield path
    spark.conf.unset("spark.sql.warehouse.dir")


def test_create_table_like_keeps_columns_comments_and_partitioning(spark, warehouse):
    spark.sql("CREATE TABLE py_src (id INT COMMENT 'the id', day STRING) USING json PARTITIONED BY (day)")
    spark.sql("CREATE TABLE py_copy LIKE py_src")
    spark.sql("ALTER TABLE py_copy ALTER COLUMN id COMMENT 'copied id'")
    spark.sql("INSERT INTO py_copy VALUES (1, 'mon')")
    assert [tuple(r) for r in spark.table("py_copy").collect()] == [(1, "mon")]
    described = [tuple(r) for r in spark.sql("DESCRIBE py_copy").collect()]
    assert described[:2] == [("id", "int", "copied id"), ("day", "string", None)]
    assert [tuple(r) for r in spark.sql("DESCRIBE py_src").collect()][0] == ("id", "int", "the id")
    with pytest.raises(AnalysisException, match="does not support REPLACE TABLE") as info:
        spark.sql("CREATE OR REPLACE TABLE py_copy (z INT) USING json")
    assert info.value.getErrorClass() == "UNSUPPORTED_FEATURE.TABLE_OPERATION"
    with pytest.raises(IllegalArgumentException, match="STATIC, DYNAMIC"):
        spark.conf.set("spark.sql.sources.partitionOverwriteMode", "sometimes")
    spark.sql("DROP TABLE py_copy")
    spark.sql("DROP TABLE py_src")
