package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words of Spark's table statements; queries and other statements are left alone (null). */
class SqlTableStatementTest {
  @Test
  void createTableWithEveryClause() {
    var c = (SqlTableStatement.CreateTable) SqlTableStatement.parse("CREATE TABLE IF NOT EXISTS db.`my t` (a INT,"
        + " b DECIMAL(10, 2) COMMENT 'x, y', p STRING NOT NULL) USING csv OPTIONS (header 'true', 'sep' = ';')"
        + " PARTITIONED BY (p) LOCATION '/tmp/t' COMMENT 'it''s' TBLPROPERTIES ('k' = 'v');");
    assertEquals("db.my t", c.name());
    assertTrue(c.ifNotExists());
    assertEquals(List.of(new SqlTableStatement.ColumnDefinition("a", "INT", true),
        new SqlTableStatement.ColumnDefinition("b", "DECIMAL(10, 2)", true),
        new SqlTableStatement.ColumnDefinition("p", "STRING", false)), c.columns());
    assertEquals("csv", c.format());
    assertEquals(Map.of("header", "true", "sep", ";"), c.options());
    assertEquals(List.of("p"), c.partitionBy());
    assertEquals("/tmp/t", c.location());
    assertEquals("it's", c.comment());
    assertNull(c.query());
  }

  @Test
  void nestedColumnTypesKeepTheirText() {
    var c = (SqlTableStatement.CreateTable) SqlTableStatement.parse("CREATE TABLE t (`a b` ARRAY<STRUCT<x: INT,"
        + " y: MAP<STRING, DOUBLE>>>, d DECIMAL(5,1) NOT NULL COMMENT 'n')");
    assertEquals(List.of(new SqlTableStatement.ColumnDefinition("a b", "ARRAY<STRUCT<x: INT, y: MAP<STRING, DOUBLE>>>",
        true), new SqlTableStatement.ColumnDefinition("d", "DECIMAL(5,1)", false)), c.columns());
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("CREATE TABLE t ()"));
  }

  @Test
  void ctasKeepsTheQueryAtItsPosition() {
    String sql = "create table t using json\nas select 1 as x";
    var c = (SqlTableStatement.CreateTable) SqlTableStatement.parse(sql);
    assertNull(c.columns());
    assertEquals(sql.length(), c.query().length());
    assertEquals("select 1 as x", c.query().substring(c.query().indexOf("select")));
    assertTrue(c.query().substring(0, c.query().indexOf("select")).isBlank());
    assertEquals('\n', c.query().charAt(sql.indexOf('\n')));
  }

  @Test
  void insertDropShowDescribe() {
    var i = (SqlTableStatement.Insert) SqlTableStatement.parse("INSERT OVERWRITE TABLE t SELECT * FROM s");
    assertEquals("t", i.name());
    assertTrue(i.overwrite());
    assertEquals("SELECT * FROM s", i.query().strip());
    var v = (SqlTableStatement.Insert) SqlTableStatement.parse("insert into t values (1, 'a,b'), (-2, concat('c', 'd'))");
    assertEquals("SELECT 1 AS col1, 'a,b' AS col2 UNION ALL SELECT -2, concat('c', 'd')", v.query());
    assertEquals(new SqlTableStatement.Drop("t", true, false), SqlTableStatement.parse("DROP TABLE IF EXISTS t PURGE"));
    assertEquals(new SqlTableStatement.Drop("v", false, true), SqlTableStatement.parse("drop view v"));
    assertEquals(new SqlTableStatement.ShowTables("db", "e*|x"), SqlTableStatement.parse("SHOW TABLES IN db LIKE 'e*|x'"));
    assertEquals(new SqlTableStatement.ShowTables(null, null), SqlTableStatement.parse("show tables"));
    assertEquals(new SqlTableStatement.ShowDatabases(null), SqlTableStatement.parse("SHOW SCHEMAS"));
    assertEquals(new SqlTableStatement.Describe("t", true), SqlTableStatement.parse("DESC TABLE EXTENDED t"));
    assertEquals(new SqlTableStatement.Describe("t", false), SqlTableStatement.parse("describe t"));
    assertEquals(new SqlTableStatement.CreateDatabase("db", true),
        SqlTableStatement.parse("CREATE SCHEMA IF NOT EXISTS db"));
  }

  @Test
  void queriesAndOtherStatementsAreNotTableStatements() {
    assertNull(SqlTableStatement.parse("SELECT * FROM t -- DROP TABLE t"));
    assertNull(SqlTableStatement.parse("/* INSERT INTO t */ WITH x AS (SELECT 1) SELECT * FROM x"));
    assertNull(SqlTableStatement.parse("CACHE TABLE t"));
    assertNull(SqlTableStatement.parse("CREATE TEMPORARY VIEW v AS SELECT 1"));
  }

  @Test
  void malformedOrUnsupportedStatements() {
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("DROP TABLE t extra"));
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("INSERT t SELECT 1"));
    assertEquals("UNSUPPORTED_FEATURE.SQL", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("INSERT INTO t PARTITION (p = 1) SELECT 1")).errorClass());
    assertEquals("UNSUPPORTED_FEATURE.SQL", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("INSERT INTO t (a, b) SELECT 1, 2")).errorClass());
    assertTrue(SqlTableStatement.matchesPattern("Events", "ev*"));
    assertTrue(!SqlTableStatement.matchesPattern("events", "x*|y"));
  }
}
