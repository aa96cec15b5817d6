package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.sql.SqlTableStatement;
import io.ember.connectors.file.FileLister;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs Spark's DDL over databases, views and existing tables ({@link SqlTableStatement}): {@code USE},
 * {@code CREATE|DROP DATABASE}, {@code ALTER DATABASE .. SET DBPROPERTIES}, {@code CREATE VIEW} and
 * {@code ALTER VIEW .. AS} (persistent, see {@link PersistentViews}, or temporary),
 * {@code TRUNCATE TABLE} and {@code ALTER TABLE|VIEW} (rename, add columns, table properties, partitions), with
 * Spark's checks and error classes. Each returns nothing; the session's {@code sql} gives an empty DataFrame.
 */
final class CatalogStatements {
  private CatalogStatements() {}

  /** Runs {@code statement}; false when it is none of these statements. */
  static boolean run(Session session, SqlTableStatement statement) {
    Catalog catalog = session.catalog();
    SessionCatalog persistent = catalog.persistent();
    if (statement instanceof SqlTableStatement.Use u) {
      catalog.setCurrentDatabase(u.database());
    } else if (statement instanceof SqlTableStatement.CreateDatabase c) {
      persistent.createDatabase(c.name(), c.ifNotExists(),
          c.location() == null ? null : FileLister.toPath(c.location()).toString(), c.comment(), c.properties());
    } else if (statement instanceof SqlTableStatement.AlterDatabaseProperties a) {
      persistent.alterDatabaseProperties(a.name(), a.properties());
    } else if (statement instanceof SqlTableStatement.AlterViewAs a) {
      alterViewAs(session, a);
    } else if (statement instanceof SqlTableStatement.DropDatabase d) {
      persistent.dropDatabase(d.name(), d.ifExists(), d.cascade());
      if (d.name().equalsIgnoreCase(catalog.currentDatabase())) {
        catalog.setCurrentDatabase(SessionCatalog.DEFAULT_DATABASE);
      }
    } else if (statement instanceof SqlTableStatement.CreateView v) {
      createView(session, v);
    } else if (statement instanceof SqlTableStatement.Truncate t) {
      truncate(catalog, t);
    } else if (statement instanceof SqlTableStatement.Rename r) {
      rename(catalog, r);
    } else if (statement instanceof SqlTableStatement.AddColumns a) {
      addColumns(session, a);
    } else if (statement instanceof SqlTableStatement.SetProperties s) {
      CatalogTable t = alterable(catalog, s.name(), s.view());
      Map<String, String> props = new TreeMap<>(t.properties());
      props.putAll(s.properties());
      String comment = props.remove("comment");
      persistent.alterTable((comment != null ? t.withComment(comment) : t).withProperties(props));
    } else if (statement instanceof SqlTableStatement.UnsetProperties u) {
      unsetProperties(catalog, u);
    } else if (statement instanceof SqlTableStatement.AlterPartitions p) {
      alterPartitions(catalog, p);
    } else {
      return false;
    }
    return true;
  }

  private static void createView(Session session, SqlTableStatement.CreateView v) {
    if (!v.temporary()) {
      PersistentViews.create(session, v.name(), v.query(), v.replace(), v.ifNotExists(), v.comment(),
          v.properties(), v.columns());
      return;
    }
    if (v.ifNotExists()) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_0053", "It is not allowed to define a TEMPORARY view with IF"
          + " NOT EXISTS.");
    }
    boolean qualified = TableIdentifier.isQualified(v.name());
    if (v.global() ? qualified && !v.name().toLowerCase(Locale.ROOT).startsWith(GlobalTempViews.DATABASE + ".")
        : qualified) {
      throw new AnalysisException("TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS", "CREATE TEMPORARY VIEW or the corresponding"
          + " Dataset APIs only accept single-part view names, but got: `" + v.name() + "`.");
    }
    DataFrame rows = session.sql(v.query());
    if (v.columns() != null) {
      rows = PersistentViews.renamed(rows, "`" + v.name() + "`", v.columns());
    }
    if (v.global()) {
      String name = v.name().contains(".") ? v.name().substring(v.name().indexOf('.') + 1) : v.name();
      session.catalog().registerGlobal(name, rows.logicalPlan(), v.replace());
    } else {
      session.catalog().register(v.name(), rows.logicalPlan(), v.replace());
    }
  }

  /**
   * Spark's {@code ALTER VIEW v AS query}: a temporary view of the name gets the new query's plan; else the
   * persistent view gets the new query (see {@link PersistentViews#alter}).
   */
  private static void alterViewAs(Session session, SqlTableStatement.AlterViewAs a) {
    Catalog catalog = session.catalog();
    if (!TableIdentifier.isQualified(a.name()) && catalog.isTemporaryView(a.name())) {
      catalog.register(a.name(), session.sql(a.query()).logicalPlan(), true);
      return;
    }
    PersistentViews.alter(session, alterable(catalog, a.name(), true), a.query());
  }

  private static void truncate(Catalog catalog, SqlTableStatement.Truncate t) {
    CatalogTable table = catalog.tableMetadata(t.name());
    String name = table.id().quoted();
    if (table.isView()) {
      throw PersistentTables.expectTable(table, "TRUNCATE TABLE");
    }
    if (table.type() == CatalogTable.TableType.EXTERNAL) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1266", "Operation not allowed: TRUNCATE TABLE on external"
          + " tables: " + name + ".");
    }
    if (!t.partition().isEmpty()) {
      if (table.partitionColumns().isEmpty()) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1267", "Operation not allowed: TRUNCATE TABLE ... PARTITION"
            + " is not supported for tables that are not partitioned: " + name + ".");
      }
      Map<String, String> spec = TablePartitions.normalize(table, t.partition(), false);
      List<Map<String, String>> partitions = TablePartitions.list(table, spec);
      if (partitions.isEmpty()) {
        throw partitionsNotFound(table, List.of(spec));
      }
      for (Map<String, String> p : partitions) {
        clear(table, TablePartitions.directory(table, p));
      }
      return;
    }
    clear(table, Path.of(table.location()));
  }

  /** Deletes what {@code dir} holds, keeping the directory (a truncated table or partition still exists). */
  private static void clear(CatalogTable table, Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        SessionCatalog.deleteRecursively(child);
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("_LEGACY_ERROR_TEMP_1268", "Failed to truncate table " + table.id().quoted()
          + " when removing data of the path: " + dir + " because of " + e, e);
    }
  }

  private static void rename(Catalog catalog, SqlTableStatement.Rename r) {
    if (!TableIdentifier.isQualified(r.name()) && catalog.isTemporaryView(r.name())) {
      if (TableIdentifier.isQualified(r.newName())) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1074", "RENAME TEMPORARY VIEW from '`" + r.name() + "`' to"
            + " '`" + r.newName() + "`': cannot specify database name '" + r.newName().substring(0,
            r.newName().lastIndexOf('.')) + "' in the destination table");
      }
      catalog.register(r.newName(), catalog.lookup(r.name()), false);
      catalog.dropTempView(r.name());
      return;
    }
    CatalogTable table = alterable(catalog, r.name(), r.view());
    TableIdentifier to = TableIdentifier.isQualified(r.newName()) ? catalog.identifier(r.newName())
        : TableIdentifier.parse(r.newName(), table.id().database());
    catalog.persistent().renameTable(table.id(), to);
  }

  private static void addColumns(Session session, SqlTableStatement.AddColumns a) {
    Catalog catalog = session.catalog();
    CatalogTable table = alterable(catalog, a.name(), false);
    Set<String> names = new HashSet<>();
    table.schema().fieldNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
    List<StructField> added = new ArrayList<>();
    Map<String, String> comments = new TreeMap<>(table.columnComments());
    a.columns().forEach(c -> comments.put(c.name(), c.comment()));
    for (StructField f : TableStatements.schema(session, a.columns()).fields()) {
      if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
        throw new AnalysisException("COLUMN_ALREADY_EXISTS", "The column `" + f.name().toLowerCase(Locale.ROOT)
            + "` already exists. Choose another name or rename the existing column.");
      }
      added.add(f.withNullable(true));
    }
    List<StructField> fields = new ArrayList<>(table.dataSchema().fields());
    fields.addAll(added);
    for (StructField f : table.schema().fields()) {
      if (table.isPartitionColumn(f.name())) {
        fields.add(f);
      }
    }
    catalog.persistent().alterTable(table.withSchema(new StructType(fields), table.partitionColumns())
        .withColumnComments(comments));
  }

  private static void unsetProperties(Catalog catalog, SqlTableStatement.UnsetProperties u) {
    CatalogTable t = alterable(catalog, u.name(), u.view());
    Map<String, String> props = new TreeMap<>(t.properties());
    List<String> missing = new ArrayList<>();
    boolean comment = false;
    for (String key : u.keys()) {
      if (key.equals("comment")) {
        comment = true;
      } else if (props.remove(key) == null) {
        missing.add("`" + key + "`");
      }
    }
    if (!missing.isEmpty() && !u.ifExists()) {
      throw new AnalysisException("UNSET_NONEXISTENT_PROPERTIES", "Attempted to unset non-existent properties ["
          + String.join(", ", missing) + "] in table " + t.id().quoted() + ".");
    }
    catalog.persistent().alterTable((comment ? t.withComment(null) : t).withProperties(props));
  }

  private static void alterPartitions(Catalog catalog, SqlTableStatement.AlterPartitions p) {
    CatalogTable table = alterable(catalog, p.name(), false);
    String operation = "ALTER TABLE " + (p.add() ? "ADD" : "DROP") + " PARTITION";
    if (table.partitionColumns().isEmpty()) {
      throw new AnalysisException("NOT_A_PARTITIONED_TABLE", "Operation " + operation + " is not allowed for "
          + table.id().quoted() + " because it is not a partitioned table.");
    }
    if (!p.add() && table.type() == CatalogTable.TableType.EXTERNAL) {
      throw new AnalysisException("UNSUPPORTED_FEATURE.SQL", "The feature is not supported: " + operation + " of"
          + " the external table " + table.id().quoted() + " (its partitions are its directories, which Ember"
          + " does not delete for an external table; delete the directory instead).");
    }
    List<Map<String, String>> specs = new ArrayList<>();
    p.partitions().forEach(s -> specs.add(TablePartitions.normalize(table, s, true)));
    List<Map<String, String>> existing = TablePartitions.list(table, Map.of());
    List<Map<String, String>> clash = specs.stream().filter(s -> existing.contains(s) == p.add()).toList();
    if (!clash.isEmpty() && !p.ifClause()) {
      if (p.add()) {
        throw new AnalysisException("PARTITIONS_ALREADY_EXIST", "Cannot ADD or RENAME TO partition(s) "
            + partitionList(clash) + " in table " + table.id().quoted() + " because they already exist. Choose a"
            + " different name, drop the existing partition, or add the IF NOT EXISTS clause to tolerate a"
            + " pre-existing partition.");
      }
      throw partitionsNotFound(table, clash);
    }
    if (p.add()) {
      for (Map<String, String> s : specs) {
        try {
          Files.createDirectories(TablePartitions.directory(table, s));
        } catch (IOException e) {
          throw new EmberRuntimeException("CATALOG_IO_FAILED", "Cannot create the partition "
              + TablePartitions.name(s) + " of table " + table.id() + ": " + e, e);
        }
      }
    } else {
      TablePartitions.delete(table, specs.stream().filter(existing::contains).toList());
    }
  }

  /**
   * The persistent table or view {@code name} for {@code ALTER TABLE} ({@code view} false) or {@code ALTER VIEW}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}; {@code _LEGACY_ERROR_TEMP_1252} for ALTER TABLE of a
   *     view, {@code _LEGACY_ERROR_TEMP_1253} for ALTER VIEW of a table
   */
  static CatalogTable alterable(Catalog catalog, String name, boolean view) {
    CatalogTable t = catalog.tableMetadata(name);
    if (t.isView() && !view) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1252", "Cannot alter a view with ALTER TABLE. Please use"
          + " ALTER VIEW instead.");
    }
    if (!t.isView() && view) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1253", "Cannot alter a table with ALTER VIEW. Please use"
          + " ALTER TABLE instead.");
    }
    return t;
  }

  static AnalysisException partitionsNotFound(CatalogTable table, List<Map<String, String>> specs) {
    return new AnalysisException("PARTITIONS_NOT_FOUND", "The partition(s) " + partitionList(specs) + " cannot be"
        + " found in table " + table.id().quoted() + ". Verify the partition specification and table name. To"
        + " tolerate the error on drop use ALTER TABLE … DROP IF EXISTS PARTITION.");
  }

  private static String partitionList(List<Map<String, String>> specs) {
    List<String> out = new ArrayList<>();
    for (Map<String, String> s : specs) {
      List<String> parts = new ArrayList<>();
      s.forEach((k, v) -> parts.add(k + " = " + v));
      out.add("PARTITION (" + String.join(", ", parts) + ")");
    }
    return String.join(", ", out);
  }
}
