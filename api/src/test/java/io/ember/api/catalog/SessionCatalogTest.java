package io.ember.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse's metadata: JSON round trip, names, databases, create/drop and Spark's errors. No session. */
class SessionCatalogTest {
  @TempDir
  Path warehouse;

  private CatalogTable table(SessionCatalog catalog, String name, CatalogTable.TableType type, Path location) {
    TableIdentifier id = TableIdentifier.parse(name);
    StructType schema = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING),
        DataTypes.field("p", DataTypes.LONG));
    return new CatalogTable(id, type, "csv", schema, List.of("p"), Map.of("header", "true"),
        (location != null ? location : catalog.defaultLocation(id)).toString(), null, 42L);
  }

  @Test
  void metadataRoundTripsThroughJsonWithNestedTypes() {
    StructType schema = new StructType(List.of(
        new StructField("id", DataTypes.LONG, false),
        new StructField("price", new DecimalType(10, 2), true),
        new StructField("tags", new ArrayType(DataTypes.STRING, true), true),
        new StructField("attrs", new MapType(DataTypes.STRING, DataTypes.DOUBLE, false), true),
        new StructField("addr", DataTypes.struct(DataTypes.field("city", DataTypes.STRING),
            DataTypes.field("zip", DataTypes.INTEGER)), true),
        new StructField("took", new DayTimeIntervalType(0, 3), true),
        new StructField("day", DataTypes.DATE, true),
        new StructField("odd name.with dot", DataTypes.TIMESTAMP, true)));
    CatalogTable t = new CatalogTable(new TableIdentifier("Sales", "Orders"), CatalogTable.TableType.EXTERNAL,
        "json", schema, List.of("day"), Map.of("compression", "gzip", "dateFormat", "yyyy-MM-dd"), "/data/orders",
        "all the orders", 1234L);
    CatalogTable back = TableMetadataJson.read(TableMetadataJson.write(t), "test");
    assertEquals(t, back);
    assertEquals("sales", back.id().database());
    assertEquals(List.of("id", "price", "tags", "attrs", "addr", "took", "odd name.with dot"),
        back.dataSchema().fieldNames());
  }

  @Test
  void viewsAndPropertiesRoundTripAndVersionOneFilesStillRead() {
    CatalogTable view = CatalogTable.view(new TableIdentifier("shop", "v"), DataTypes.struct(
        DataTypes.field("n", DataTypes.LONG)), new CatalogTable.ViewText("SELECT count(*) AS n FROM t", "shop"), "c",
        Map.of("k", "v"));
    assertEquals(view, TableMetadataJson.read(TableMetadataJson.write(view), "v.json"));
    String v1 = "{\"version\": 1, \"database\": \"default\", \"name\": \"t\", \"type\": \"MANAGED\","
        + " \"provider\": \"csv\", \"location\": \"/w/t\", \"partitionColumns\": [], \"options\": {},"
        + " \"schema\": {\"type\": \"struct\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}]}}";
    CatalogTable old = TableMetadataJson.read(v1, "t.json");
    assertEquals(Map.of(), old.properties());
    assertFalse(old.isView());
    CatalogDatabase db = new CatalogDatabase("shop", "/data/shop", "the shop");
    assertEquals(db, TableMetadataJson.readDatabase(TableMetadataJson.writeDatabase(db), "shop"));
  }

  @Test
  void columnCommentsViewQueryColumnsAndDatabasePropertiesRoundTrip() {
    CatalogTable view = CatalogTable.view(new TableIdentifier("shop", "v"), DataTypes.struct(
        DataTypes.field("total", DataTypes.LONG), DataTypes.field("k", DataTypes.STRING)),
        new CatalogTable.ViewText("SELECT count(*), k FROM t GROUP BY k", "shop", List.of("count(1)", "k")), null,
        Map.of()).withColumnComments(Map.of("total", "rows", "gone", "dropped: no such column"));
    assertEquals(Map.of("total", "rows"), view.columnComments());
    String json = TableMetadataJson.write(view);
    assertTrue(json.contains("\"version\" : 3"), json);
    assertEquals(view, TableMetadataJson.read(json, "v.json"));
    CatalogDatabase db = new CatalogDatabase("shop", "/data/shop", null, Map.of("a.b", "1", "tier", "2"));
    assertEquals(db, TableMetadataJson.readDatabase(TableMetadataJson.writeDatabase(db), "shop"));
    assertEquals(Map.of("a.b", "1", "tier", "3", "x", "y"), db.withProperties(Map.of("tier", "3", "x", "y"))
        .properties());
  }

  @Test
  void renameMovesAManagedTablesFilesAndDropDatabaseCascades() throws Exception {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    Path shopDir = warehouse.resolve("elsewhere/shop");
    catalog.createDatabase("shop", false, shopDir.toString(), null);
    catalog.createTable(table(catalog, "shop.t", CatalogTable.TableType.MANAGED, null), false);
    assertEquals(shopDir.resolve("t"), Path.of(catalog.getTable(TableIdentifier.parse("shop.t")).orElseThrow()
        .location()));
    Files.writeString(shopDir.resolve("t/part-0.csv"), "1,x\n");
    CatalogTable renamed = catalog.renameTable(TableIdentifier.parse("shop.t"), TableIdentifier.parse("shop.u"));
    assertEquals(shopDir.resolve("u").toString(), renamed.location());
    assertTrue(Files.isRegularFile(shopDir.resolve("u/part-0.csv")));
    assertFalse(catalog.tableExists(TableIdentifier.parse("shop.t")));
    assertEquals("SCHEMA_NOT_EMPTY",
        assertThrows(AnalysisException.class, () -> catalog.dropDatabase("shop", false, false)).errorClass());
    assertTrue(catalog.dropDatabase("shop", false, true));
    assertFalse(Files.exists(shopDir));
    assertFalse(catalog.databaseExists("shop"));
    assertFalse(catalog.dropDatabase("shop", true, false));
  }

  @Test
  void unknownVersionOrBrokenFileIsCorruptedMetadata() {
    EmberRuntimeException v = assertThrows(EmberRuntimeException.class,
        () -> TableMetadataJson.read("{\"version\": 99}", "t.json"));
    assertEquals("CORRUPTED_TABLE_METADATA", v.errorClass());
    assertTrue(v.getMessage().contains("unknown version 99"), v.getMessage());
    EmberRuntimeException broken = assertThrows(EmberRuntimeException.class,
        () -> TableMetadataJson.read("{\"version\": 1, \"database\": \"default\"", "t.json"));
    assertEquals("CORRUPTED_TABLE_METADATA", broken.errorClass());
  }

  @Test
  void identifiersAreCaseInsensitiveQuotedAndQualified() {
    assertEquals(new TableIdentifier("default", "t"), TableIdentifier.parse("T"));
    assertEquals(new TableIdentifier("db", "t"), TableIdentifier.parse("DB.t"));
    assertEquals(new TableIdentifier("db", "t"), TableIdentifier.parse("spark_catalog.db.t"));
    assertEquals(new TableIdentifier("default", "a.b c"), TableIdentifier.parse("`a.b c`"));
    assertEquals(new TableIdentifier("default", "x`y"), TableIdentifier.parse("`x``y`"));
    assertEquals("`spark_catalog`.`default`.`t`", TableIdentifier.parse("t").quoted());
    assertEquals("REQUIRES_SINGLE_PART_NAMESPACE",
        assertThrows(AnalysisException.class, () -> TableIdentifier.parse("a.b.c")).errorClass());
    assertEquals("INVALID_IDENTIFIER",
        assertThrows(AnalysisException.class, () -> TableIdentifier.parse("a..b")).errorClass());
    assertTrue(TableIdentifier.isQualified("db.t"));
    assertFalse(TableIdentifier.isQualified("`db.t`"));
  }

  @Test
  void aSecondCatalogOverTheWarehouseSeesTheTable() {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    CatalogTable t = table(catalog, "events", CatalogTable.TableType.MANAGED, null);
    assertTrue(catalog.createTable(t, false));
    assertTrue(Files.isDirectory(warehouse.resolve("events")));
    SessionCatalog other = new SessionCatalog(warehouse);
    assertEquals(t, other.getTable(TableIdentifier.parse("EVENTS")).orElseThrow());
    assertEquals(List.of("events"), other.listTables("default").stream().map(x -> x.id().table()).toList());
  }

  @Test
  void createTwiceIsAlreadyExistsUnlessIgnored() {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    CatalogTable t = table(catalog, "t", CatalogTable.TableType.MANAGED, null);
    catalog.createTable(t, false);
    AnalysisException e = assertThrows(AnalysisException.class, () -> catalog.createTable(t, false));
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", e.errorClass());
    assertTrue(e.getMessage().contains("`spark_catalog`.`default`.`t`"), e.getMessage());
    assertFalse(catalog.createTable(t, true));
  }

  @Test
  void aManagedTableCannotTakeOverFilesAtItsLocation() throws Exception {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    Files.createDirectories(warehouse.resolve("old"));
    Files.writeString(warehouse.resolve("old/part-0.csv"), "1\n");
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> catalog.createTable(table(catalog, "old", CatalogTable.TableType.MANAGED, null), false));
    assertEquals("LOCATION_ALREADY_EXISTS", e.errorClass());
    assertFalse(catalog.tableExists(TableIdentifier.parse("old")));
  }

  @Test
  void dropDeletesManagedDataButNotExternal(@TempDir Path elsewhere) throws Exception {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    catalog.createTable(table(catalog, "m", CatalogTable.TableType.MANAGED, null), false);
    Files.writeString(warehouse.resolve("m/part-0.csv"), "1\n");
    catalog.createTable(table(catalog, "x", CatalogTable.TableType.EXTERNAL, elsewhere), false);
    Files.writeString(elsewhere.resolve("part-0.csv"), "1\n");
    assertTrue(catalog.dropTable(TableIdentifier.parse("m"), false));
    assertTrue(catalog.dropTable(TableIdentifier.parse("x"), false));
    assertFalse(Files.exists(warehouse.resolve("m")));
    assertTrue(Files.exists(elsewhere.resolve("part-0.csv")));
    assertFalse(catalog.dropTable(TableIdentifier.parse("m"), true));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> catalog.dropTable(TableIdentifier.parse("m"), false)).errorClass());
    assertEquals(List.of(), catalog.listTables("default"));
  }

  @Test
  void databasesHoldTheirTablesApart() {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    assertEquals(List.of("default"), catalog.listDatabases());
    assertEquals("SCHEMA_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> catalog.createTable(table(catalog, "sales.t", CatalogTable.TableType.MANAGED, null), false))
        .errorClass());
    catalog.createDatabase("Sales", false);
    assertEquals("SCHEMA_ALREADY_EXISTS",
        assertThrows(AnalysisException.class, () -> catalog.createDatabase("sales", false)).errorClass());
    catalog.createDatabase("sales", true);
    catalog.createTable(table(catalog, "sales.t", CatalogTable.TableType.MANAGED, null), false);
    assertEquals(List.of("default", "sales"), catalog.listDatabases());
    assertEquals(warehouse.resolve("sales.db").resolve("t"), catalog.defaultLocation(TableIdentifier.parse("sales.t")));
    assertTrue(Files.isDirectory(warehouse.resolve("sales.db/t")));
    assertEquals(List.of(), catalog.listTables("default"));
    assertEquals(1, catalog.listTables("sales").size());
    assertEquals("SCHEMA_NOT_FOUND", assertThrows(AnalysisException.class, () -> catalog.listTables("nope"))
        .errorClass());
  }

  @Test
  void alterReplacesTheMetadata() {
    SessionCatalog catalog = new SessionCatalog(warehouse);
    CatalogTable t = table(catalog, "t", CatalogTable.TableType.MANAGED, null);
    catalog.createTable(t, false);
    CatalogTable wider = t.withSchema(DataTypes.struct(DataTypes.field("z", DataTypes.DOUBLE)), List.of());
    catalog.alterTable(wider);
    assertEquals(wider, catalog.getTable(t.id()).orElseThrow());
    assertEquals("INVALID_IDENTIFIER", assertThrows(AnalysisException.class,
        () -> catalog.defaultLocation(new TableIdentifier("default", "../escape"))).errorClass());
  }
}
