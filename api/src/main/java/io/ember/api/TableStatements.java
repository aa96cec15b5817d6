package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.Table;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.sql.SqlTableStatement;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Spark's table statements ({@link SqlTableStatement}) in a session, at once, as Spark runs commands when
 * {@code spark.sql} is called: DDL and INSERT give an empty DataFrame; {@code SHOW TABLES} gives
 * {@code (namespace, tableName, isTemporary)}, {@code SHOW DATABASES} {@code (namespace)} and {@code DESCRIBE}
 * {@code (col_name, data_type, comment)} rows, as Spark's.
 */
final class TableStatements {
  private TableStatements() {}

  /**
   * Runs {@code statement} in {@code session}.
   *
   * @throws io.ember.core.errors.AnalysisException as the catalog and the table writers (see {@link PersistentTables})
   */
  static DataFrame run(Session session, SqlTableStatement statement) {
    Catalog catalog = session.catalog();
    if (statement instanceof SqlTableStatement.CreateTable c) {
      createTable(session, c);
    } else if (statement instanceof SqlTableStatement.CreateDatabase c) {
      catalog.persistent().createDatabase(c.name(), c.ifNotExists());
    } else if (statement instanceof SqlTableStatement.Drop d) {
      drop(catalog, d);
    } else if (statement instanceof SqlTableStatement.Insert i) {
      PersistentTables.insertInto(session.sql(i.query()), i.name(), i.overwrite());
    } else if (statement instanceof SqlTableStatement.ShowTables s) {
      return showTables(session, s);
    } else if (statement instanceof SqlTableStatement.ShowDatabases s) {
      List<Row> rows = new ArrayList<>();
      catalog.listDatabases().stream().filter(db -> SqlTableStatement.matchesPattern(db, s.pattern()))
          .forEach(db -> rows.add(Row.of(db)));
      return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("namespace", DataTypes.STRING)));
    } else if (statement instanceof SqlTableStatement.Describe d) {
      return describe(session, d);
    }
    return session.emptyDataFrame();
  }

  private static void createTable(Session session, SqlTableStatement.CreateTable c) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>(c.options());
    if (c.location() != null) {
      options.put("path", c.location());
    }
    if (c.query() == null) {
      StructType schema = c.columns() == null ? null : schema(session, c.columns());
      PersistentTables.create(session, c.name(), c.format(), schema, c.partitionBy(), options, c.comment(),
          c.ifNotExists());
      return;
    }
    if (c.columns() != null) {
      throw new io.ember.core.errors.AnalysisException("_LEGACY_ERROR_TEMP_0035", "Operation not allowed: Schema"
          + " may not be specified in a Create Table As Select (CTAS) statement.");
    }
    if (c.ifNotExists() && session.catalog().persistent().tableExists(TableIdentifier.parse(c.name()))) {
      return;
    }
    DataFrame rows = session.sql(c.query());
    DataFrameWriter writer = rows.write().options(options).partitionBy(c.partitionBy().toArray(new String[0]));
    if (c.format() != null) {
      writer.format(c.format());
    }
    writer.saveAsTable(c.name());
    if (c.comment() != null) {
      SessionCatalog catalog = session.catalog().persistent();
      CatalogTable t = catalog.getTable(TableIdentifier.parse(c.name())).orElseThrow();
      catalog.alterTable(new CatalogTable(t.id(), t.type(), t.format(), t.schema(), t.partitionColumns(),
          t.options(), t.location(), c.comment(), t.createdMillis()));
    }
  }

  /** The schema of a column list; each type is read as {@code CAST(.. AS type)} reads it. */
  private static StructType schema(Session session, List<SqlTableStatement.ColumnDefinition> columns) {
    List<StructField> fields = new ArrayList<>();
    for (SqlTableStatement.ColumnDefinition c : columns) {
      io.ember.core.types.DataType type = session.emptyDataFrame().select(functions.lit(null).cast(c.type()))
          .schema().field(0).dataType();
      fields.add(new StructField(c.name(), type, c.nullable()));
    }
    return new StructType(fields);
  }

  /** Spark's DROP TABLE drops a temporary view of the name first; DROP VIEW drops only views. */
  private static void drop(Catalog catalog, SqlTableStatement.Drop d) {
    if (!TableIdentifier.isQualified(d.name()) && catalog.dropTempView(d.name())) {
      return;
    }
    if (d.view()) {
      boolean dropped = d.name().toLowerCase(java.util.Locale.ROOT).startsWith(GlobalTempViews.DATABASE + ".")
          && catalog.dropGlobalTempView(d.name());
      if (!dropped && !d.ifExists()) {
        throw catalog.notFound(d.name());
      }
      return;
    }
    if (!d.ifExists()) {
      catalog.tableMetadata(d.name());
    }
    catalog.persistent().dropTable(TableIdentifier.parse(d.name()), true);
  }

  private static DataFrame showTables(Session session, SqlTableStatement.ShowTables s) {
    List<Row> rows = new ArrayList<>();
    for (Table t : session.catalog().listTablesDetailed(s.database())) {
      if (SqlTableStatement.matchesPattern(t.name(), s.pattern())) {
        rows.add(Row.of(t.database() == null ? "" : t.database(), t.name(), t.isTemporary()));
      }
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("namespace", DataTypes.STRING),
        DataTypes.field("tableName", DataTypes.STRING), DataTypes.field("isTemporary", DataTypes.BOOLEAN)));
  }

  private static DataFrame describe(Session session, SqlTableStatement.Describe d) {
    Catalog catalog = session.catalog();
    Table entry = catalog.getTable(d.name());
    List<Row> rows = new ArrayList<>();
    CatalogTable table = entry.isTemporary() ? null : catalog.tableMetadata(d.name());
    StructType schema = table != null ? table.schema() : session.table(d.name()).schema();
    for (StructField f : schema.fields()) {
      rows.add(Row.of(f.name(), f.dataType().simpleString(), null));
    }
    if (table != null && !table.partitionColumns().isEmpty()) {
      rows.add(Row.of("# Partition Information", "", ""));
      rows.add(Row.of("# col_name", "data_type", "comment"));
      for (String p : table.partitionColumns()) {
        rows.add(Row.of(p, schema.field(schema.indexOf(p)).dataType().simpleString(), null));
      }
    }
    if (d.extended() && table != null) {
      rows.add(Row.of("", "", ""));
      rows.add(Row.of("# Detailed Table Information", "", ""));
      rows.add(Row.of("Catalog", SessionCatalog.CATALOG_NAME, ""));
      rows.add(Row.of("Database", table.id().database(), ""));
      rows.add(Row.of("Table", table.id().table(), ""));
      rows.add(Row.of("Created Time", java.time.Instant.ofEpochMilli(table.createdMillis()).toString(), ""));
      rows.add(Row.of("Type", table.type().name(), ""));
      rows.add(Row.of("Provider", table.format(), ""));
      if (table.comment() != null) {
        rows.add(Row.of("Comment", table.comment(), ""));
      }
      rows.add(Row.of("Location", "file:" + table.location(), ""));
      if (!table.options().isEmpty()) {
        rows.add(Row.of("Storage Properties", table.options().toString(), ""));
      }
      if (!table.partitionColumns().isEmpty()) {
        rows.add(Row.of("Partition Provider", "Catalog", ""));
      }
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("col_name", DataTypes.STRING),
        DataTypes.field("data_type", DataTypes.STRING), DataTypes.field("comment", DataTypes.STRING)));
  }
}
