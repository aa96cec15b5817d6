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

/** Databases, USE, ALTER TABLE, TRUNCATE and the SHOW statements over a warehouse, as Spark runs them. */
class CatalogDdlEndToEndTest extends WarehouseSessionTest {
  @Test
  void databasesUseAndQualifiedNames() {
    Path shopDir = tmp.resolve("shop-data");
    session.sql("CREATE DATABASE shop COMMENT 'the shop' LOCATION '" + shopDir + "'");
    assertEquals("SCHEMA_ALREADY_EXISTS", error("CREATE SCHEMA shop"));
    session.sql("CREATE SCHEMA IF NOT EXISTS shop");
    List<String> described = rows(session.sql("DESCRIBE DATABASE EXTENDED shop"));
    assertEquals(List.of("[Catalog Name,spark_catalog]", "[Namespace Name,shop]", "[Comment,the shop]",
        "[Location,file:" + shopDir.toAbsolutePath() + "]"), described.subList(0, 4));
    assertEquals(List.of("info_name", "info_value"), List.of(session.sql("DESC SCHEMA shop").columns()));
    session.sql("USE shop");
    assertEquals("shop", session.catalog().currentDatabase());
    session.sql("CREATE TABLE items (name STRING, price INT) USING json");
    assertTrue(Files.isDirectory(shopDir.resolve("items")), "a managed table lies under its database's location");
    session.sql("INSERT INTO items VALUES ('pen', 2)");
    assertEquals(List.of("[pen,2]"), rows(session.table("items")));
    assertEquals(List.of("[shop,items,false]"), rows(session.sql("SHOW TABLES")));
    assertEquals(List.of("items"), session.catalog().listTables());

    session.catalog().setCurrentDatabase("default");
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> session.table("items")).errorClass());
    assertEquals(List.of("[pen,2]"), rows(session.sql("SELECT * FROM shop.items")));
    assertEquals(List.of("[shop,items,false]"), rows(session.sql("SHOW TABLES IN shop LIKE 'it*'")));
    session.sql("CREATE TABLE shop.more USING csv AS SELECT name FROM shop.items");
    assertEquals(List.of("[pen]"), rows(session.table("spark_catalog.shop.more")));
    assertEquals("SCHEMA_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> session.catalog().setCurrentDatabase("nope")).errorClass());
    assertEquals("SCHEMA_NOT_FOUND", error("USE nope"));

    assertEquals("SCHEMA_NOT_EMPTY", error("DROP DATABASE shop"));
    assertEquals("UNSUPPORTED_FEATURE.DROP_DATABASE", error("DROP DATABASE default"));
    session.sql("USE shop");
    session.sql("DROP DATABASE shop CASCADE");
    assertFalse(Files.exists(shopDir), "a dropped database's directory goes with it");
    assertFalse(session.catalog().databaseExists("shop"));
    assertEquals("default", session.catalog().currentDatabase());
    assertEquals("SCHEMA_NOT_FOUND", error("DROP DATABASE shop"));
    session.sql("DROP DATABASE IF EXISTS shop");
    session.sql("CREATE DATABASE empty_db");
    session.sql("DROP SCHEMA empty_db RESTRICT");
    assertEquals(List.of("default"), session.catalog().listDatabases());
  }

  @Test
  void alterTableRenameColumnsAndProperties() {
    session.sql("CREATE TABLE t (a INT, p STRING) USING json PARTITIONED BY (p) TBLPROPERTIES ('owner' = 'ann')");
    session.sql("INSERT INTO t VALUES (1, 'x')");
    session.sql("ALTER TABLE t RENAME TO t2");
    assertFalse(session.catalog().tableExists("t"));
    assertFalse(Files.exists(warehouse.resolve("t")));
    assertTrue(Files.isDirectory(warehouse.resolve("t2/p=x")), "a managed table's files move with it");
    assertEquals(List.of("[1,x]"), rows(session.table("t2")));

    session.sql("ALTER TABLE t2 ADD COLUMNS (b STRING, c DOUBLE)");
    assertEquals(List.of("a", "b", "c", "p"), List.of(session.table("t2").columns()));
    session.sql("INSERT INTO t2 VALUES (2, 'bee', 1.5, 'y')");
    assertEquals(List.of("[1,null,null,x]", "[2,bee,1.5,y]"), sorted(session.table("t2")));
    assertEquals("COLUMN_ALREADY_EXISTS", error("ALTER TABLE t2 ADD COLUMNS (A INT)"));

    session.sql("ALTER TABLE t2 SET TBLPROPERTIES ('k' = 'v', 'owner' = 'bob')");
    assertEquals(List.of("[k,v]", "[owner,bob]"), rows(session.sql("SHOW TBLPROPERTIES t2")));
    session.sql("ALTER TABLE t2 UNSET TBLPROPERTIES ('k')");
    assertEquals(List.of("[owner,bob]"), rows(session.sql("SHOW TBLPROPERTIES t2")));
    assertEquals("UNSET_NONEXISTENT_PROPERTIES", error("ALTER TABLE t2 UNSET TBLPROPERTIES ('k')"));
    session.sql("ALTER TABLE t2 UNSET TBLPROPERTIES IF EXISTS ('k')");
    assertEquals("_LEGACY_ERROR_TEMP_1253", error("ALTER VIEW t2 SET TBLPROPERTIES ('k' = 'v')"));

    session.sql("CREATE TABLE other (a INT) USING csv");
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", error("ALTER TABLE t2 RENAME TO other"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", error("ALTER TABLE nope RENAME TO x"));
    session.range(1).createOrReplaceTempView("tv");
    session.sql("ALTER VIEW tv RENAME TO tv2");
    assertEquals(1L, session.table("tv2").count());
  }

  @Test
  void truncateAndPartitionsOfATable() {
    session.sql("CREATE TABLE logs (msg STRING, day STRING) USING csv PARTITIONED BY (day)");
    session.sql("INSERT INTO logs VALUES ('a', 'mon'), ('b', 'tue'), ('c', 'a/b')");
    assertEquals(List.of("[day=a%2Fb]", "[day=mon]", "[day=tue]"), rows(session.sql("SHOW PARTITIONS logs")));
    assertEquals(List.of("[day=mon]"), rows(session.sql("SHOW PARTITIONS logs PARTITION (day = 'mon')")));
    session.sql("TRUNCATE TABLE logs PARTITION (day = 'mon')");
    assertEquals(List.of("[b,tue]", "[c,a/b]"), sorted(session.table("logs")));
    assertEquals("PARTITIONS_NOT_FOUND", error("TRUNCATE TABLE logs PARTITION (day = 'sun')"));
    assertEquals("_LEGACY_ERROR_TEMP_1231", error("TRUNCATE TABLE logs PARTITION (month = 'x')"));

    session.sql("ALTER TABLE logs ADD PARTITION (day = 'wed')");
    assertTrue(rows(session.sql("SHOW PARTITIONS logs")).contains("[day=wed]"));
    assertEquals("PARTITIONS_ALREADY_EXIST", error("ALTER TABLE logs ADD PARTITION (day = 'wed')"));
    session.sql("ALTER TABLE logs ADD IF NOT EXISTS PARTITION (day = 'wed')");
    session.sql("ALTER TABLE logs DROP PARTITION (day = 'tue')");
    assertEquals(List.of("[c,a/b]"), sorted(session.table("logs")));
    assertEquals("PARTITIONS_NOT_FOUND", error("ALTER TABLE logs DROP PARTITION (day = 'tue')"));
    session.sql("ALTER TABLE logs DROP IF EXISTS PARTITION (day = 'tue')");

    session.sql("TRUNCATE TABLE logs");
    assertEquals(0L, session.table("logs").count());
    assertTrue(Files.isDirectory(warehouse.resolve("logs")));

    session.sql("CREATE TABLE flat (a INT) USING csv");
    assertEquals("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", error("SHOW PARTITIONS flat"));
    assertEquals("_LEGACY_ERROR_TEMP_1267", error("TRUNCATE TABLE flat PARTITION (a = 1)"));
    assertEquals("NOT_A_PARTITIONED_TABLE", error("ALTER TABLE flat ADD PARTITION (a = 1)"));
    Path ext = tmp.resolve("ext");
    session.sql("CREATE TABLE ext (a INT) USING csv LOCATION '" + ext + "'");
    assertEquals("_LEGACY_ERROR_TEMP_1266", error("TRUNCATE TABLE ext"));
  }

  @Test
  void showCreateTableColumnsAndDescribeExtended() {
    session.sql("CREATE TABLE sales (item STRING NOT NULL, qty INT, day DATE) USING csv OPTIONS (header 'true')"
        + " PARTITIONED BY (day) COMMENT 'daily sales' TBLPROPERTIES ('k' = 'v')");
    assertEquals("CREATE TABLE spark_catalog.default.sales (\n"
        + "  item STRING,\n"
        + "  qty INT,\n"
        + "  day DATE)\n"
        + "USING csv\n"
        + "OPTIONS (\n"
        + "  'header' = 'true')\n"
        + "PARTITIONED BY (day)\n"
        + "COMMENT 'daily sales'\n"
        + "TBLPROPERTIES (\n"
        + "  'k' = 'v')\n", session.sql("SHOW CREATE TABLE sales").collectAsList().get(0).getString(0));
    assertEquals(List.of("createtab_stmt"), List.of(session.sql("SHOW CREATE TABLE sales").columns()));
    // the statement recreates the table
    String text = session.sql("SHOW CREATE TABLE sales").collectAsList().get(0).getString(0);
    session.sql("DROP TABLE sales");
    session.sql(text);
    assertEquals(List.of("item", "qty", "day"), List.of(session.table("sales").columns()));
    assertEquals(List.of("[item]", "[qty]", "[day]"), rows(session.sql("SHOW COLUMNS IN sales")));
    assertEquals(List.of("[item]", "[qty]", "[day]"), rows(session.sql("SHOW COLUMNS FROM sales IN default")));

    List<String> described = rows(session.sql("DESCRIBE TABLE EXTENDED sales"));
    int detail = described.indexOf("[# Detailed Table Information,,]");
    assertTrue(detail > 0, described.toString());
    assertEquals(List.of("Catalog", "Database", "Table", "Created Time", "Last Access", "Created By", "Type",
        "Provider", "Comment", "Table Properties", "Location", "Storage Properties", "Partition Provider"),
        session.sql("DESCRIBE FORMATTED sales").collectAsList().subList(detail + 1, described.size()).stream()
            .map(r -> r.getString(0)).toList());
    assertTrue(described.contains("[Table Properties,[k=v],]"), described.toString());
    assertTrue(described.contains("[Location,file:" + warehouse.toAbsolutePath().resolve("sales") + ",]"),
        described.toString());
    session.range(1).createOrReplaceTempView("tv");
    assertEquals("UNSUPPORTED_SHOW_CREATE_TABLE.ON_TEMPORARY_VIEW", error("SHOW CREATE TABLE tv"));
  }
}
