package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** View column lists, ALTER VIEW .. AS and database properties over a warehouse, as Spark's session catalog. */
class ViewAndDatabaseDdlEndToEndTest extends WarehouseSessionTest {
  @Test
  void aColumnListNamesTheQuerysColumnsByPositionAndSurvivesTheSession() {
    session.sql("CREATE TABLE orders (id INT, amount INT) USING json");
    session.sql("INSERT INTO orders VALUES (1, 10), (2, 20)");
    session.sql("CREATE VIEW v (order_id COMMENT 'the order', total) COMMENT 'renamed' AS"
        + " SELECT id, amount * 2 AS doubled FROM orders");
    assertEquals(List.of("order_id", "total"), List.of(session.table("v").columns()));
    assertEquals(List.of("[1,20]", "[2,40]"), sorted(session.sql("SELECT order_id, total FROM v")));
    List<String> described = rows(session.sql("DESCRIBE EXTENDED v"));
    assertEquals(List.of("[order_id,int,the order]", "[total,int,null]"), described.subList(0, 2));
    assertTrue(described.contains("[View Query Output Columns,[id, doubled],]"), described.toString());
    String created = session.sql("SHOW CREATE TABLE v").collectAsList().get(0).getString(0);
    assertTrue(created.startsWith("CREATE VIEW spark_catalog.default.v (\n  order_id COMMENT 'the order',\n"
        + "  total)\nCOMMENT 'renamed'"), created);
    session.stop();

    session = openSession("later");
    session.sql("INSERT INTO orders VALUES (3, 30)");
    assertEquals(List.of("[3,60]"), rows(session.sql("SELECT * FROM v WHERE order_id = 3")));
    assertEquals("CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
        error("CREATE VIEW w (a, b, c) AS SELECT id, amount FROM orders"));
    assertEquals("CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
        error("CREATE VIEW w (a) AS SELECT id, amount FROM orders"));
    assertEquals("COLUMN_ALREADY_EXISTS", error("CREATE VIEW w (a, A) AS SELECT id, amount FROM orders"));
    session.sql("CREATE TEMPORARY VIEW tv (x, y) AS SELECT id, amount FROM orders WHERE id = 1");
    assertEquals(List.of("[1,10]"), rows(session.sql("SELECT x, y FROM tv")));
    assertEquals("CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
        error("CREATE OR REPLACE TEMPORARY VIEW tv (x) AS SELECT id, amount FROM orders"));
  }

  @Test
  void alterViewAsGivesTheViewANewQueryKeepingItsCommentAndProperties() {
    session.sql("CREATE TABLE nums (n INT) USING json");
    session.sql("INSERT INTO nums VALUES (1), (2), (3)");
    session.sql("CREATE VIEW v (k COMMENT 'key') COMMENT 'kept' TBLPROPERTIES ('owner' = 'ann') AS"
        + " SELECT n FROM nums");
    session.sql("ALTER VIEW v AS SELECT n, n * 10 AS tens FROM nums WHERE n > 1");
    assertEquals(List.of("[2,20]", "[3,30]"), sorted(session.table("v")));
    List<String> described = rows(session.sql("DESCRIBE EXTENDED v"));
    assertEquals(List.of("[n,int,null]", "[tens,int,null]"), described.subList(0, 2));
    assertTrue(described.containsAll(List.of("[Comment,kept,]", "[Table Properties,[owner=ann],]",
        "[View Text,SELECT n, n * 10 AS tens FROM nums WHERE n > 1,]")), described.toString());

    assertEquals("RECURSIVE_VIEW", error("ALTER VIEW v AS SELECT * FROM v"));
    session.sql("CREATE TEMPORARY VIEW t AS SELECT 1 AS one");
    assertEquals("INVALID_TEMP_OBJ_REFERENCE", error("ALTER VIEW v AS SELECT * FROM t"));
    session.sql("ALTER VIEW t AS SELECT 2 AS two");
    assertEquals(List.of("[2]"), rows(session.table("t")));
    assertEquals("_LEGACY_ERROR_TEMP_1253", error("ALTER VIEW nums AS SELECT 1"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", error("ALTER VIEW nope AS SELECT 1"));
    assertEquals(List.of("[2,20]", "[3,30]"), sorted(session.table("v")), "a refused ALTER VIEW changes nothing");
  }

  @Test
  void databasePropertiesAreKeptShownAndSetByAlterDatabase() {
    session.sql("CREATE DATABASE shop COMMENT 'c' WITH DBPROPERTIES ('owner.team' = 'sales', 'tier' = '2')");
    assertEquals("[Properties,((owner.team,sales), (tier,2))]",
        rows(session.sql("DESCRIBE DATABASE EXTENDED shop")).get(5));
    assertEquals(5, rows(session.sql("DESCRIBE DATABASE shop")).size(), "properties only when extended");
    session.sql("ALTER DATABASE shop SET DBPROPERTIES ('tier' = '1', 'region' = 'eu')");
    session.sql("ALTER SCHEMA default SET PROPERTIES ('k' = 'v')");
    session.stop();

    session = openSession("later");
    assertEquals("[Properties,((owner.team,sales), (region,eu), (tier,1))]",
        rows(session.sql("DESCRIBE DATABASE EXTENDED shop")).get(5));
    assertEquals(List.of("[Comment,c]"), rows(session.sql("DESC SCHEMA shop")).subList(2, 3));
    assertEquals("[Properties,((k,v))]", rows(session.sql("DESCRIBE DATABASE EXTENDED default")).get(5));
    assertEquals(List.of("default", "shop"), session.catalog().listDatabases());
    assertEquals("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY",
        error("ALTER DATABASE shop SET DBPROPERTIES ('location' = '/x')"));
    assertEquals("SCHEMA_NOT_FOUND", error("ALTER DATABASE nope SET DBPROPERTIES ('a' = 'b')"));
    session.sql("DROP DATABASE shop");
    assertEquals(List.of("default"), session.catalog().listDatabases());
  }
}
