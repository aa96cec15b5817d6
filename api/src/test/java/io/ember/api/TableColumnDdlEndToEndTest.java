package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CREATE TABLE LIKE, column comments and the column DDL over a warehouse, as Spark's session catalog runs them for
 * file (v1) tables: ALTER COLUMN changes a comment; REPLACE TABLE, RENAME COLUMN and DROP COLUMN are refused.
 */
class TableColumnDdlEndToEndTest extends WarehouseSessionTest {
  @Test
  void columnCommentsAreKeptShownAndChangedByAlterColumn() {
    session.sql("CREATE TABLE t (a INT COMMENT 'the a', b STRING, p STRING COMMENT 'part') USING json"
        + " PARTITIONED BY (p)");
    assertEquals(List.of("[a,int,the a]", "[b,string,null]", "[p,string,part]", "[# Partition Information,,]",
        "[# col_name,data_type,comment]", "[p,string,part]"), rows(session.sql("DESCRIBE t")));
    session.sql("ALTER TABLE t ALTER COLUMN B COMMENT 'now b'");
    session.sql("ALTER TABLE t CHANGE COLUMN a COMMENT 'new a'");
    session.sql("ALTER TABLE t CHANGE a a INT COMMENT 'hive form'");
    session.sql("ALTER TABLE t ADD COLUMNS (c DOUBLE COMMENT 'added')");
    session.sql("INSERT INTO t VALUES (1, 'x', 2.5, 'q')");
    assertEquals(List.of("[1,x,2.5,q]"), rows(session.table("t")));
    session.stop();

    session = openSession("later");
    assertEquals(List.of("[a,int,hive form]", "[b,string,now b]", "[c,double,added]", "[p,string,part]"),
        rows(session.sql("DESCRIBE t")).subList(0, 4));
    String created = session.sql("SHOW CREATE TABLE t").collectAsList().get(0).getString(0);
    assertTrue(created.contains("  a INT COMMENT 'hive form',\n  b STRING COMMENT 'now b',\n"), created);

    assertEquals("NOT_SUPPORTED_CHANGE_COLUMN", error("ALTER TABLE t ALTER COLUMN a TYPE BIGINT"));
    assertEquals("NOT_SUPPORTED_CHANGE_COLUMN", error("ALTER TABLE t CHANGE COLUMN a z INT"));
    session.sql("ALTER TABLE t ALTER COLUMN a TYPE INT");
    assertEquals("CANNOT_ALTER_PARTITION_COLUMN", error("ALTER TABLE t ALTER COLUMN p COMMENT 'x'"));
    assertTrue(error("ALTER TABLE t ALTER COLUMN nope COMMENT 'x'").startsWith("UNRESOLVED_COLUMN."));
    assertEquals("UNSUPPORTED_FEATURE.TABLE_OPERATION", error("ALTER TABLE t ALTER COLUMN a SET NOT NULL"));
    assertEquals("UNSUPPORTED_FEATURE.TABLE_OPERATION", error("ALTER TABLE t ALTER COLUMN a FIRST"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", error("ALTER TABLE nope ALTER COLUMN a COMMENT 'x'"));
  }

  @Test
  void replaceTableRenameAndDropColumnAreRefusedForFileTablesAsInSpark() {
    session.sql("CREATE TABLE t (a INT, b STRING) USING csv");
    session.sql("INSERT INTO t VALUES (1, 'x')");
    assertTrue(refusal("CREATE OR REPLACE TABLE t (z INT) USING csv").contains("The feature is not supported:"
        + " Table `spark_catalog`.`default`.`t` does not support REPLACE TABLE."));
    assertTrue(refusal("REPLACE TABLE t USING csv AS SELECT 1 AS z").contains("does not support REPLACE TABLE AS"
        + " SELECT."));
    assertTrue(refusal("CREATE OR REPLACE TABLE fresh (z INT)").contains("`spark_catalog`.`default`.`fresh` does not"
        + " support REPLACE TABLE"), "refused for a new name too");
    assertFalse(session.catalog().tableExists("fresh"));
    assertTrue(refusal("ALTER TABLE t RENAME COLUMN a TO c").contains("does not support RENAME COLUMN"));
    assertTrue(refusal("ALTER TABLE t DROP COLUMN b").contains("does not support DROP COLUMN"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", error("ALTER TABLE nope DROP COLUMNS (a)"));
    assertEquals(List.of("[1,x]"), rows(session.table("t")));
    assertEquals(List.of("a", "b"), List.of(session.table("t").columns()));
  }

  @Test
  void createTableLikeCopiesColumnsPartitioningFormatAndOptions() {
    session.sql("CREATE TABLE src (a INT COMMENT 'the a', s STRING, p INT) USING csv OPTIONS (sep '|')"
        + " PARTITIONED BY (p) COMMENT 'source' TBLPROPERTIES ('owner' = 'ann')");
    session.sql("INSERT INTO src VALUES (1, 'x', 7)");
    session.sql("CREATE TABLE copy LIKE src TBLPROPERTIES ('k' = 'v')");
    assertEquals(List.of(), rows(session.table("copy")), "only the definition is copied");
    session.sql("INSERT INTO copy VALUES (2, 'y', 8)");
    assertEquals(List.of("[2,y,8]"), rows(session.table("copy")));
    assertTrue(Files.isDirectory(warehouse.resolve("copy/p=8")), "managed, partitioned as the source");
    List<String> described = rows(session.sql("DESCRIBE EXTENDED copy"));
    assertTrue(described.contains("[a,int,the a]") && described.contains("[Provider,csv,]")
        && described.contains("[Type,MANAGED,]") && described.contains("[Table Properties,[k=v],]")
        && described.contains("[Storage Properties,[sep=|],]") && described.stream().noneMatch(r -> r.contains(
        "source")), described.toString());

    Path elsewhere = tmp.resolve("elsewhere");
    session.sql("CREATE TABLE IF NOT EXISTS ext LIKE src USING json LOCATION '" + elsewhere + "'");
    assertTrue(rows(session.sql("DESCRIBE EXTENDED ext")).containsAll(List.of("[Type,EXTERNAL,]",
        "[Provider,json,]")));
    session.sql("CREATE TABLE IF NOT EXISTS ext LIKE copy");
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", error("CREATE TABLE copy LIKE src"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", error("CREATE TABLE other LIKE nope"));

    session.sql("CREATE VIEW v AS SELECT a, s FROM src");
    session.sql("CREATE TEMPORARY VIEW tv AS SELECT CAST(1.5 AS DOUBLE) AS d");
    session.conf().set("spark.sql.sources.default", "json");
    session.sql("CREATE TABLE from_view LIKE v");
    session.sql("CREATE TABLE from_temp LIKE tv");
    assertEquals(List.of("a", "s"), List.of(session.table("from_view").columns()));
    assertEquals("[d,double,null]", rows(session.sql("DESCRIBE from_temp")).get(0));
    assertTrue(rows(session.sql("DESCRIBE EXTENDED from_view")).contains("[Provider,json,]"),
        "a view's columns make a table of the default format");
  }

  /** The message of the {@code UNSUPPORTED_FEATURE.TABLE_OPERATION} error {@code sql} raises. */
  private String refusal(String sql) {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql(sql));
    assertEquals("UNSUPPORTED_FEATURE.TABLE_OPERATION", e.errorClass(), e.getMessage());
    return e.getMessage();
  }
}
