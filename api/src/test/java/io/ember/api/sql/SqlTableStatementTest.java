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
        new SqlTableStatement.ColumnDefinition("b", "DECIMAL(10, 2)", true, "x, y"),
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
        true), new SqlTableStatement.ColumnDefinition("d", "DECIMAL(5,1)", false, "n")), c.columns());
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
    assertEquals(new SqlTableStatement.CreateDatabase("db", true, null, null),
        SqlTableStatement.parse("CREATE SCHEMA IF NOT EXISTS db"));
    assertEquals(new SqlTableStatement.CreateDatabase("db", false, "/tmp/d", "x", Map.of("a", "b")),
        SqlTableStatement.parse("CREATE DATABASE db COMMENT 'x' LOCATION '/tmp/d' WITH DBPROPERTIES ('a' = 'b')"));
  }

  @Test
  void insertWithAPartitionClauseAndAColumnList() {
    var i = (SqlTableStatement.Insert) SqlTableStatement.parse(
        "INSERT OVERWRITE TABLE db.t PARTITION (day = '2026-11-26', hour) (b, `a`) SELECT 1, 2");
    assertEquals("db.t", i.name());
    assertEquals(List.of("b", "a"), i.columns());
    var spec = new java.util.LinkedHashMap<String, String>();
    spec.put("day", "2026-11-26");
    spec.put("hour", null);
    assertEquals(spec, i.partition());
    assertEquals("SELECT 1, 2", i.query().strip());
    var v = (SqlTableStatement.Insert) SqlTableStatement.parse("INSERT INTO t PARTITION (n = -7) VALUES ('x')");
    assertEquals(Map.of("n", "-7"), v.partition());
    assertEquals("SELECT 'x' AS col1", v.query());
    assertNull(v.columns());
  }

  @Test
  void databasesViewsAlterTruncateAndShow() {
    assertEquals(new SqlTableStatement.DropDatabase("db", true, true),
        SqlTableStatement.parse("DROP SCHEMA IF EXISTS db CASCADE"));
    assertEquals(new SqlTableStatement.DropDatabase("db", false, false), SqlTableStatement.parse("drop database db"));
    assertEquals(new SqlTableStatement.Use("db"), SqlTableStatement.parse("USE db"));
    assertEquals(new SqlTableStatement.DescribeDatabase("db", true), SqlTableStatement.parse("DESC DATABASE EXTENDED db"));
    assertEquals(new SqlTableStatement.Use("db"), SqlTableStatement.parse("USE DATABASE db;"));
    assertEquals(new SqlTableStatement.Use("database"), SqlTableStatement.parse("USE database"));
    var v = (SqlTableStatement.CreateView) SqlTableStatement.parse("CREATE OR REPLACE VIEW db.v COMMENT 'c'"
        + " TBLPROPERTIES ('k' = 'v') AS SELECT a FROM t");
    assertEquals("db.v", v.name());
    assertTrue(v.replace() && !v.temporary() && !v.global());
    assertEquals("c", v.comment());
    assertEquals(Map.of("k", "v"), v.properties());
    assertEquals("SELECT a FROM t", v.query().strip());
    var g = (SqlTableStatement.CreateView) SqlTableStatement.parse("CREATE GLOBAL TEMPORARY VIEW g AS SELECT 1");
    assertTrue(g.global() && g.temporary());
    assertEquals(new SqlTableStatement.Truncate("t", Map.of("p", "x")),
        SqlTableStatement.parse("TRUNCATE TABLE t PARTITION (p = 'x')"));
    assertEquals(new SqlTableStatement.Rename("a.t", "t2", false), SqlTableStatement.parse("ALTER TABLE a.t RENAME TO t2"));
    assertEquals(new SqlTableStatement.AddColumns("t", List.of(new SqlTableStatement.ColumnDefinition("c", "INT", true),
        new SqlTableStatement.ColumnDefinition("d", "ARRAY<STRING>", true, "x"))),
        SqlTableStatement.parse("ALTER TABLE t ADD COLUMNS (c INT, d ARRAY<STRING> COMMENT 'x')"));
    assertEquals(new SqlTableStatement.AddColumns("t", List.of(new SqlTableStatement.ColumnDefinition("c", "INT", true))),
        SqlTableStatement.parse("ALTER TABLE t ADD COLUMN c INT"));
    assertEquals(new SqlTableStatement.SetProperties("v", true, Map.of("a.b", "1")),
        SqlTableStatement.parse("ALTER VIEW v SET TBLPROPERTIES ('a.b' = '1')"));
    assertEquals(new SqlTableStatement.UnsetProperties("t", false, List.of("a", "b"), true),
        SqlTableStatement.parse("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a', b)"));
    assertEquals(new SqlTableStatement.AlterPartitions("t", true, true, List.of(Map.of("p", "1"), Map.of("p", "2"))),
        SqlTableStatement.parse("ALTER TABLE t ADD IF NOT EXISTS PARTITION (p = 1) PARTITION (p = 2)"));
    assertEquals(new SqlTableStatement.AlterPartitions("t", false, false, List.of(Map.of("p", "x"))),
        SqlTableStatement.parse("ALTER TABLE t DROP PARTITION (p = 'x') PURGE"));
    assertEquals(new SqlTableStatement.ShowCreateTable("db.t"), SqlTableStatement.parse("SHOW CREATE TABLE db.t"));
    assertEquals(new SqlTableStatement.ShowPartitions("t", Map.of("p", "x")),
        SqlTableStatement.parse("SHOW PARTITIONS t PARTITION (p = 'x')"));
    assertEquals(new SqlTableStatement.ShowColumns("db.t"), SqlTableStatement.parse("SHOW COLUMNS IN t IN db"));
    assertEquals(new SqlTableStatement.ShowViews("db", "v*"), SqlTableStatement.parse("SHOW VIEWS FROM db LIKE 'v*'"));
    assertEquals(new SqlTableStatement.ShowProperties("t", "a.b"), SqlTableStatement.parse("SHOW TBLPROPERTIES t (a.b)"));
  }

  @Test
  void replaceLikeAndColumnStatements() {
    assertEquals(new SqlTableStatement.ReplaceTable("t", false),
        SqlTableStatement.parse("CREATE OR REPLACE TABLE t (a INT COMMENT 'x') USING json"));
    assertEquals(new SqlTableStatement.ReplaceTable("db.t", true),
        SqlTableStatement.parse("REPLACE TABLE db.t USING csv AS SELECT 1 AS a"));
    assertEquals(new SqlTableStatement.CreateTableLike("t2", "db.t", true, "csv", "/tmp/x", Map.of("k", "v")),
        SqlTableStatement.parse("CREATE TABLE IF NOT EXISTS t2 LIKE db.t USING csv TBLPROPERTIES ('k' = 'v')"
            + " LOCATION '/tmp/x';"));
    var c = (SqlTableStatement.CreateTable) SqlTableStatement.parse("CREATE TABLE t (a INT NOT NULL COMMENT 'the a',"
        + " b STRING) USING json");
    assertEquals(List.of(new SqlTableStatement.ColumnDefinition("a", "INT", false, "the a"),
        new SqlTableStatement.ColumnDefinition("b", "STRING", true, null)), c.columns());
    assertEquals(new SqlTableStatement.AlterColumn("t", "a", null, null, "new", null),
        SqlTableStatement.parse("ALTER TABLE t ALTER COLUMN a COMMENT 'new'"));
    assertEquals(new SqlTableStatement.AlterColumn("t", "a", null, "DECIMAL(5, 2)", null, null),
        SqlTableStatement.parse("ALTER TABLE t CHANGE a TYPE DECIMAL(5, 2)"));
    assertEquals(new SqlTableStatement.AlterColumn("t", "a", "b", "MAP<STRING, INT>", "c", null),
        SqlTableStatement.parse("ALTER TABLE t CHANGE COLUMN a b MAP<STRING, INT> COMMENT 'c'"));
    assertEquals(new SqlTableStatement.AlterColumn("t", "a", null, null, null, "ALTER COLUMN ... SET NOT NULL"),
        SqlTableStatement.parse("ALTER TABLE t ALTER COLUMN a DROP NOT NULL"));
    assertEquals(new SqlTableStatement.AlterColumn("t", "a", null, null, null, "ALTER COLUMN ... FIRST | AFTER"),
        SqlTableStatement.parse("ALTER TABLE t ALTER COLUMN a AFTER b"));
    assertEquals(new SqlTableStatement.RenameColumn("t", "a", "b"),
        SqlTableStatement.parse("ALTER TABLE t RENAME COLUMN a TO b"));
    assertEquals(new SqlTableStatement.DropColumns("t", List.of("a", "b"), true),
        SqlTableStatement.parse("ALTER TABLE t DROP COLUMNS IF EXISTS (a, b)"));
    assertEquals(new SqlTableStatement.DropColumns("t", List.of("a"), false),
        SqlTableStatement.parse("ALTER TABLE t DROP COLUMN a"));
  }

  @Test
  void viewColumnListsAlterViewAndDatabaseProperties() {
    var v = (SqlTableStatement.CreateView) SqlTableStatement.parse("CREATE VIEW v (x COMMENT 'the x', `y z`)"
        + " COMMENT 'c' AS SELECT 1, 2");
    assertEquals(List.of(new SqlTableStatement.ViewColumn("x", "the x"), new SqlTableStatement.ViewColumn("y z",
        null)), v.columns());
    assertEquals("SELECT 1, 2", v.query().strip());
    assertEquals(null, ((SqlTableStatement.CreateView) SqlTableStatement.parse("CREATE VIEW v AS SELECT 1")).columns());
    var a = (SqlTableStatement.AlterViewAs) SqlTableStatement.parse("ALTER VIEW db.v AS\nSELECT 2 AS n");
    assertEquals("db.v", a.name());
    assertEquals("SELECT 2 AS n", a.query().strip());
    assertTrue(a.query().startsWith(" ".repeat("ALTER VIEW db.v AS".length()) + "\n"), "positions kept: " + a.query());
    assertEquals(new SqlTableStatement.CreateDatabase("db", false, null, null, Map.of("a", "1", "b.c", "2")),
        SqlTableStatement.parse("CREATE DATABASE db WITH DBPROPERTIES ('a' = '1', b.c = '2')"));
    assertEquals(new SqlTableStatement.AlterDatabaseProperties("db", Map.of("a", "3")),
        SqlTableStatement.parse("ALTER SCHEMA db SET PROPERTIES ('a' = '3')"));
    for (String reserved : List.of("location", "Comment", "owner")) {
      assertEquals("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", assertThrows(AnalysisException.class,
          () -> SqlTableStatement.parse("ALTER DATABASE db SET DBPROPERTIES ('" + reserved + "' = 'x')"))
          .errorClass());
    }
  }

  @Test
  void queriesAndOtherStatementsAreNotTableStatements() {
    assertNull(SqlTableStatement.parse("SELECT * FROM t -- DROP TABLE t"));
    assertNull(SqlTableStatement.parse("/* INSERT INTO t */ WITH x AS (SELECT 1) SELECT * FROM x"));
    assertNull(SqlTableStatement.parse("CACHE TABLE t"));
    assertNull(SqlTableStatement.parse("CREATE FUNCTION f AS 'x'"));
  }

  @Test
  void malformedOrUnsupportedStatements() {
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("DROP TABLE t extra"));
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("INSERT t SELECT 1"));
    assertEquals("UNSUPPORTED_FEATURE.SQL", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("ALTER TABLE t ALTER COLUMN a SET DEFAULT 1")).errorClass());
    assertEquals("UNSUPPORTED_FEATURE.SQL", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("ALTER DATABASE db SET LOCATION '/x'")).errorClass());
    assertEquals("UNSUPPORTED_FEATURE.SQL", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("CREATE TABLE t LIKE s STORED AS ORC")).errorClass());
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("REPLACE TABLE IF NOT EXISTS t (a INT)"));
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("CREATE VIEW v (a, ) AS SELECT 1"));
    assertEquals("_LEGACY_ERROR_TEMP_0052", assertThrows(AnalysisException.class,
        () -> SqlTableStatement.parse("CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT 1")).errorClass());
    assertThrows(ParseException.class, () -> SqlTableStatement.parse("TRUNCATE TABLE t PARTITION (p)"));
    assertTrue(SqlTableStatement.matchesPattern("Events", "ev*"));
    assertTrue(!SqlTableStatement.matchesPattern("events", "x*|y"));
  }
}
