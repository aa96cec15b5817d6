package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Persistent views: kept as SQL text in the catalog, analysed anew when read, as Spark's session catalog views. */
class PersistentViewsEndToEndTest extends WarehouseSessionTest {
  @Test
  void aViewReadsTheTablesRowsAsTheyAreNowAndOutlivesTheSession() {
    session.sql("CREATE TABLE orders (id INT, amount INT) USING json");
    session.sql("INSERT INTO orders VALUES (1, 10), (2, 200)");
    session.sql("CREATE VIEW big COMMENT 'large orders' AS SELECT id, amount * 2 AS doubled FROM orders"
        + " WHERE amount > 100");
    assertEquals(List.of("[2,400]"), sorted(session.table("big")));
    session.sql("INSERT INTO orders VALUES (3, 150)");
    assertEquals(List.of("[2,400]", "[3,300]"), sorted(session.sql("SELECT * FROM big")));
    assertEquals("VIEW", session.catalog().getTable("big").tableType());
    assertEquals(List.of("[default,big,false]"), sorted(session.sql("SHOW VIEWS")));
    assertTrue(sorted(session.sql("SHOW TABLES")).contains("[default,big,false]"));
    String created = session.sql("SHOW CREATE TABLE big").collectAsList().get(0).getString(0);
    assertTrue(created.startsWith("CREATE VIEW spark_catalog.default.big (\n  id,\n  doubled)\nCOMMENT 'large orders'"
        + "\nAS SELECT id"), created);
    assertTrue(sorted(session.sql("DESCRIBE EXTENDED big")).contains("[Type,VIEW,]"));

    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", error("CREATE VIEW big AS SELECT 1 AS id, 2 AS doubled"));
    session.sql("CREATE VIEW IF NOT EXISTS big AS SELECT 1 AS x");
    assertEquals(List.of("id", "doubled"), List.of(session.table("big").columns()));
    session.stop();

    session = openSession(getClass().getSimpleName());
    assertEquals(List.of("[2,400]", "[3,300]"), sorted(session.table("big")));
    session.sql("CREATE OR REPLACE VIEW big AS SELECT count(*) AS n FROM orders");
    assertEquals(List.of("[3]"), sorted(session.table("big")));
    assertEquals("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", error("INSERT INTO big VALUES (1)"));
    assertEquals("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE", error("CREATE OR REPLACE VIEW orders AS SELECT 1"));
    assertEquals("WRONG_COMMAND_FOR_OBJECT_TYPE", error("DROP TABLE big"));
    assertEquals("WRONG_COMMAND_FOR_OBJECT_TYPE", error("DROP VIEW orders"));
    session.sql("DROP VIEW big");
    assertFalse(session.catalog().tableExists("big"));
    session.sql("DROP VIEW IF EXISTS big");
  }

  @Test
  void temporaryViewsShadowPersistentOnesButAViewNeverReadsThem() {
    session.range(3).write().format("csv").saveAsTable("nums");
    session.sql("CREATE VIEW v AS SELECT id FROM nums");
    session.sql("CREATE TEMPORARY VIEW v AS SELECT 'temp' AS id");
    assertEquals(List.of("[temp]"), sorted(session.table("v")));
    assertEquals(List.of("[0]", "[1]", "[2]"), sorted(session.table("default.v")));
    session.sql("DROP VIEW v");
    assertEquals(List.of("[0]", "[1]", "[2]"), sorted(session.table("v")));

    // a temporary view named like a table the persistent view reads does not change what it reads
    session.sql("CREATE OR REPLACE TEMP VIEW nums AS SELECT 99 AS id");
    assertEquals(List.of("[0]", "[1]", "[2]"), sorted(session.table("v")));
    AnalysisException temp = assertThrows(AnalysisException.class,
        () -> session.sql("CREATE VIEW w AS SELECT * FROM nums"));
    assertEquals("INVALID_TEMP_OBJ_REFERENCE", temp.errorClass());
    assertTrue(temp.getMessage().contains("`nums`"), temp.getMessage());
    assertEquals("_LEGACY_ERROR_TEMP_0053", error("CREATE TEMPORARY VIEW IF NOT EXISTS t AS SELECT 1"));
    session.sql("CREATE GLOBAL TEMPORARY VIEW g AS SELECT 5 AS five");
    assertEquals(List.of("[5]"), sorted(session.table("global_temp.g")));
  }

  @Test
  void viewsResolveInTheirDatabaseAndRefuseCyclesAndLostColumns() {
    session.sql("CREATE DATABASE shop");
    session.sql("USE shop");
    session.sql("CREATE TABLE items (name STRING, price INT) USING json");
    session.sql("INSERT INTO items VALUES ('pen', 2)");
    session.sql("CREATE VIEW cheap AS SELECT name, price FROM items WHERE price < 5");
    session.sql("USE default");
    session.sql("CREATE TABLE items (other INT) USING csv");
    assertEquals(List.of("[pen,2]"), sorted(session.table("shop.cheap")));

    session.sql("CREATE VIEW a AS SELECT 1 AS x");
    session.sql("CREATE VIEW b AS SELECT x FROM a");
    AnalysisException cycle = assertThrows(AnalysisException.class,
        () -> session.sql("CREATE OR REPLACE VIEW a AS SELECT x FROM b"));
    assertEquals("RECURSIVE_VIEW", cycle.errorClass());
    assertTrue(cycle.getMessage().contains("`spark_catalog`.`default`.`a` -> `spark_catalog`.`default`.`b` ->"
        + " `spark_catalog`.`default`.`a`"), cycle.getMessage());
    assertEquals(List.of("[1]"), sorted(session.table("b")));

    // the stored columns bind by name; a type change is cast back to the stored type
    session.sql("CREATE TABLE base (k STRING, n INT) USING json");
    session.sql("CREATE VIEW over AS SELECT * FROM base");
    session.sql("INSERT INTO base VALUES ('a', 1)");
    session.sql("DROP TABLE base");
    session.sql("CREATE TABLE base (n BIGINT, k STRING) USING json");
    session.sql("INSERT INTO base VALUES (7, 'b')");
    assertEquals(List.of("[b,7]"), sorted(session.table("over")));
    assertEquals(DataTypes.INTEGER, session.table("over").schema().field(1).dataType());
    session.sql("DROP TABLE base");
    session.sql("CREATE TABLE base (k STRING) USING json");
    assertEquals("INCOMPATIBLE_VIEW_SCHEMA_CHANGE",
        assertThrows(AnalysisException.class, () -> session.table("over").schema()).errorClass());
  }
}
