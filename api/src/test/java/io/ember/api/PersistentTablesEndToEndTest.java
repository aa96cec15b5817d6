package io.ember.api;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.catalog.CatalogTable;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Persistent tables end to end: saveAsTable, insertInto, SQL DDL and DML, drops, a later session. */
class PersistentTablesEndToEndTest extends WarehouseSessionTest {
  private static final StructType PEOPLE = DataTypes.struct(DataTypes.field("name", DataTypes.STRING),
      DataTypes.field("age", DataTypes.INTEGER));

  private DataFrame people(Object... nameAge) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < nameAge.length; i += 2) {
      rows.add(Row.of(nameAge[i], nameAge[i + 1]));
    }
    return session.createDataFrame(rows, PEOPLE);
  }

  @Test
  void saveAsTableThenTableAndSqlAndSaveModes() {
    people("ann", 31, "bob", 45).write().format("csv").option("header", "true").saveAsTable("people");
    assertTrue(Files.isDirectory(warehouse.resolve("people")));
    assertEquals(List.of("[ann,31]", "[bob,45]"), sorted(session.table("people")));
    assertEquals(PEOPLE.fieldNames(), session.table("people").schema().fieldNames());
    assertEquals(List.of("[bob]"), sorted(session.sql("SELECT p.name FROM people p WHERE age > 40")));

    AnalysisException exists = assertThrows(AnalysisException.class,
        () -> people("cy", 1).write().format("csv").saveAsTable("people"));
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", exists.errorClass());
    people("cy", 1).write().mode("ignore").saveAsTable("people");
    assertEquals(2L, session.table("people").count());
    // append matches by name, not position
    session.createDataFrame(List.of(Row.of(27, "dee")), DataTypes.struct(DataTypes.field("AGE", DataTypes.INTEGER),
        DataTypes.field("name", DataTypes.STRING))).write().mode("append").saveAsTable("people");
    assertEquals(List.of("[ann,31]", "[bob,45]", "[dee,27]"), sorted(session.table("people")));
    assertEquals("_LEGACY_ERROR_TEMP_1159", assertThrows(AnalysisException.class,
        () -> people("x", 1).write().format("json").mode("append").saveAsTable("people")).errorClass());
    // overwrite replaces the rows and the schema
    session.range(3).write().mode("overwrite").saveAsTable("people");
    assertEquals(List.of("[0]", "[1]", "[2]"), sorted(session.table("people")));
    assertEquals("csv", session.catalog().tableMetadata("people").format());
    assertEquals(List.of("id"), session.catalog().tableMetadata("people").schema().fieldNames());
  }

  @Test
  void insertIntoAppendsAndOverwritesByPositionCastingToTheTableTypes() {
    people("ann", 31).write().format("json").saveAsTable("t");
    session.createDataFrame(List.of(Row.of("bob", 45L)), DataTypes.struct(DataTypes.field("who", DataTypes.STRING),
        DataTypes.field("years", DataTypes.LONG))).write().insertInto("t");
    assertEquals(List.of("[ann,31]", "[bob,45]"), sorted(session.table("t")));
    assertEquals(DataTypes.INTEGER, session.table("t").schema().field(1).dataType());
    people("cy", 9).write().mode("overwrite").insertInto("t");
    assertEquals(List.of("[cy,9]"), sorted(session.table("t")));

    AnalysisException arity = assertThrows(AnalysisException.class, () -> session.range(2).write().insertInto("t"));
    assertEquals("INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", arity.errorClass());
    assertTrue(arity.getMessage().contains("Table columns: `name`, `age`"), arity.getMessage());
    assertEquals("_LEGACY_ERROR_TEMP_1309", assertThrows(AnalysisException.class,
        () -> people("a", 1).write().partitionBy("age").insertInto("t")).errorClass());
    AnalysisException missing = assertThrows(AnalysisException.class, () -> people("a", 1).write().insertInto("tt"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", missing.errorClass());
    assertTrue(missing.getMessage().contains("Did you mean `t`?"), missing.getMessage());
    assertEquals("UNSUPPORTED_OVERWRITE.TABLE", assertThrows(AnalysisException.class,
        () -> session.table("t").write().mode("overwrite").insertInto("t")).errorClass());
    assertEquals(List.of("[cy,9]"), sorted(session.table("t")));
  }

  @Test
  void sqlCreateInsertCtasDescribeShowAndDrop() {
    session.sql("CREATE TABLE sales (item STRING, qty INT, day STRING) USING json PARTITIONED BY (day)");
    assertEquals(0L, session.table("sales").count());
    session.sql("INSERT INTO sales VALUES ('pen', 2, 'mon'), ('ink', 5, 'tue')");
    session.sql("INSERT INTO TABLE sales SELECT 'pen', 3, 'tue'");
    assertTrue(Files.isDirectory(warehouse.resolve("sales/day=tue")));
    assertEquals(List.of("[ink,5]", "[pen,3]"), sorted(session.sql("SELECT item, qty FROM sales WHERE day = 'tue'")));

    session.sql("CREATE TABLE totals USING csv AS SELECT item, sum(qty) AS total FROM sales GROUP BY item");
    assertEquals(List.of("[ink,5]", "[pen,5]"), sorted(session.table("totals")));
    session.sql("INSERT OVERWRITE totals SELECT 'all', 10L");
    assertEquals(List.of("[all,10]"), sorted(session.table("totals")));

    List<String> described = sorted(session.sql("DESCRIBE TABLE EXTENDED sales"));
    assertTrue(described.contains("[day,string,null]"), described.toString());
    assertTrue(described.contains("[# Partition Information,,]"), described.toString());
    assertTrue(described.contains("[Provider,json,]"), described.toString());
    assertTrue(described.contains("[Type,MANAGED,]"), described.toString());

    people("v", 1).createOrReplaceTempView("zview");
    assertEquals(List.of("[default,sales,false]", "[default,totals,false]", "[,zview,true]"),
        session.sql("SHOW TABLES").collectAsList().stream().map(Object::toString).toList());
    assertEquals(List.of("sales", "totals", "zview"), session.catalog().listTables());
    assertEquals(1L, session.sql("SHOW TABLES LIKE 'tot*'").count());

    session.sql("DROP TABLE totals");
    assertFalse(Files.exists(warehouse.resolve("totals")));
    assertFalse(session.catalog().tableExists("totals"));
    session.sql("DROP TABLE IF EXISTS totals");
    assertEquals("TABLE_OR_VIEW_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> session.sql("DROP TABLE totals")).errorClass());
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", assertThrows(AnalysisException.class,
        () -> session.sql("CREATE TABLE sales (a INT) USING csv")).errorClass());
    session.sql("CREATE TABLE IF NOT EXISTS sales (a INT) USING csv");
    assertEquals(3, session.table("sales").columns().length);
    session.sql("CREATE TABLE typed (d DECIMAL(10, 2) NOT NULL, tags ARRAY<STRING>) USING json");
    session.sql("INSERT INTO typed SELECT 1.5, array('x', 'y')");
    assertEquals("struct<d:decimal(10,2),tags:array<string>>", session.table("typed").schema().simpleString());
    assertEquals(List.of("[1.50,[x, y]]"), sorted(session.table("typed")));
  }

  @Test
  void externalTablesKeepTheirFilesWhenDropped() throws Exception {
    Path data = tmp.resolve("ext");
    people("ann", 31).write().format("csv").save(data.toString());
    session.sql("CREATE TABLE ext (name STRING, age INT) USING csv LOCATION '" + data + "'");
    assertEquals(CatalogTable.TableType.EXTERNAL, session.catalog().tableMetadata("ext").type());
    people("bob", 45).write().insertInto("ext");
    assertEquals(List.of("[ann,31]", "[bob,45]"), sorted(session.table("ext")));
    session.sql("DROP TABLE ext");
    assertFalse(session.catalog().tableExists("ext"));
    assertEquals(List.of("[ann,31]", "[bob,45]"),
        sorted(session.read().schema(PEOPLE).csv(data.toString())));
    // a schema read from the files, through the catalog API
    session.catalog().createTable("ext2", data.toString(), "csv");
    assertEquals(2L, session.table("ext2").count());
  }

  @Test
  void temporaryViewsShadowTablesAndALaterSessionSeesTheTables() {
    people("ann", 31).write().format("csv").saveAsTable("shadowed");
    session.sql("CREATE DATABASE IF NOT EXISTS shop");
    session.range(2).write().format("json").saveAsTable("shop.ids");
    people("view", 0).createOrReplaceTempView("shadowed");
    assertEquals(List.of("[view,0]"), sorted(session.table("shadowed")));
    assertEquals("TEMPORARY", session.catalog().getTable("shadowed").tableType());
    session.catalog().dropTempView("shadowed");
    assertEquals(List.of("[ann,31]"), sorted(session.table("shadowed")));
    session.stop();

    session = openSession("later");
    assertEquals(List.of("[ann,31]"), sorted(session.sql("SELECT * FROM shadowed")));
    assertEquals(List.of("[0]", "[1]"), sorted(session.table("shop.ids")));
    assertTrue(session.catalog().tableExists("shop", "ids"));
    assertEquals(List.of("default", "shop"), session.catalog().listDatabases());
    assertEquals("MANAGED", session.catalog().getTable("shadowed").tableType());
    assertEquals(List.of("[shop]"), session.sql("SHOW DATABASES LIKE 's*'").collectAsList().stream()
        .map(Object::toString).toList());
  }

  @Test
  void managedLocationMustBeEmptyAndTheDefaultFormatComesFromTheSession() throws Exception {
    Files.createDirectories(warehouse.resolve("leftover"));
    Files.writeString(warehouse.resolve("leftover/part-0.csv"), "x\n");
    assertEquals("LOCATION_ALREADY_EXISTS", assertThrows(AnalysisException.class,
        () -> people("a", 1).write().format("csv").saveAsTable("leftover")).errorClass());
    assertEquals("DATA_SOURCE_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> session.sql("CREATE TABLE nope (a INT) USING avro")).errorClass());
    assertFalse(session.catalog().tableExists("nope"));
    session.conf().set("spark.sql.sources.default", "json");
    people("a", 1).write().saveAsTable("defaulted");
    assertEquals("json", session.catalog().tableMetadata("defaulted").format());
    assertEquals(List.of("[a,1]"), sorted(session.table("defaulted").select(col("name"), col("age"))));
  }
}
