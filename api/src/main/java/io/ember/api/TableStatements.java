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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Spark's table statements ({@link SqlTableStatement}) in a session, at once, as Spark runs commands when
 * {@code spark.sql} is called: DDL and INSERT give an empty DataFrame; {@code SHOW TABLES} gives
 * {@code (namespace, tableName, isTemporary)} and {@code SHOW DATABASES} {@code (namespace)} rows, as Spark's. The
 * DDL over databases, views and existing tables runs in {@link CatalogStatements}, CREATE TABLE LIKE and the
 * column DDL in {@link TableSchemaStatements}, the other SHOW statements and
 * DESCRIBE in {@link ShowStatements}, inserts with a column list or a PARTITION clause in {@link TableInserts}.
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
    DataFrame shown = ShowStatements.run(session, statement);
    if (shown != null) {
      return shown;
    }
    if (CatalogStatements.run(session, statement) || TableSchemaStatements.run(session, statement)) {
      return session.emptyDataFrame();
    }
    if (statement instanceof SqlTableStatement.CreateTable c) {
      createTable(session, c);
    } else if (statement instanceof SqlTableStatement.Drop d) {
      drop(catalog, d);
    } else if (statement instanceof SqlTableStatement.Insert i) {
      TableInserts.insert(session, i);
    } else if (statement instanceof SqlTableStatement.ShowTables s) {
      return showTables(session, s);
    } else if (statement instanceof SqlTableStatement.ShowDatabases s) {
      List<Row> rows = new ArrayList<>();
      catalog.listDatabases().stream().filter(db -> SqlTableStatement.matchesPattern(db, s.pattern()))
          .forEach(db -> rows.add(Row.of(db)));
      return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("namespace", DataTypes.STRING)));
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
      boolean existed = c.ifNotExists()
          && session.catalog().persistent().tableExists(session.catalog().identifier(c.name()));
      CatalogTable t = PersistentTables.create(session, c.name(), c.format(), schema, c.partitionBy(), options,
          c.comment(), c.ifNotExists());
      Map<String, String> comments = columnComments(c.columns());
      if (!existed && (!c.properties().isEmpty() || !comments.isEmpty())) {
        session.catalog().persistent().alterTable(t.withProperties(c.properties()).withColumnComments(comments));
      }
      return;
    }
    if (c.columns() != null) {
      throw new io.ember.core.errors.AnalysisException("_LEGACY_ERROR_TEMP_0035", "Operation not allowed: Schema"
          + " may not be specified in a Create Table As Select (CTAS) statement.");
    }
    if (c.ifNotExists() && session.catalog().persistent().tableExists(session.catalog().identifier(c.name()))) {
      return;
    }
    DataFrame rows = session.sql(c.query());
    DataFrameWriter writer = rows.write().options(options).partitionBy(c.partitionBy().toArray(new String[0]));
    if (c.format() != null) {
      writer.format(c.format());
    }
    writer.saveAsTable(c.name());
    if (c.comment() != null || !c.properties().isEmpty()) {
      SessionCatalog catalog = session.catalog().persistent();
      CatalogTable t = catalog.getTable(session.catalog().identifier(c.name())).orElseThrow();
      catalog.alterTable(t.withComment(c.comment()).withProperties(c.properties()));
    }
  }

  /** The comments of the columns of a column list that have one (none for a null list). */
  static Map<String, String> columnComments(List<SqlTableStatement.ColumnDefinition> columns) {
    Map<String, String> out = new LinkedHashMap<>();
    if (columns != null) {
      columns.stream().filter(c -> c.comment() != null).forEach(c -> out.put(c.name(), c.comment()));
    }
    return out;
  }

  /** The schema of a column list; each type is read as {@code CAST(.. AS type)} reads it. */
  static StructType schema(Session session, List<SqlTableStatement.ColumnDefinition> columns) {
    List<StructField> fields = new ArrayList<>();
    for (SqlTableStatement.ColumnDefinition c : columns) {
      io.ember.core.types.DataType type = session.emptyDataFrame().select(functions.lit(null).cast(c.type()))
          .schema().field(0).dataType();
      fields.add(new StructField(c.name(), type, c.nullable()));
    }
    return new StructType(fields);
  }

  /**
   * Spark's DROP TABLE and DROP VIEW drop a temporary view of the name first; else DROP VIEW drops a persistent view
   * and DROP TABLE a table ({@code WRONG_COMMAND_FOR_OBJECT_TYPE} for the other kind).
   */
  private static void drop(Catalog catalog, SqlTableStatement.Drop d) {
    if (!TableIdentifier.isQualified(d.name()) && catalog.dropTempView(d.name())) {
      return;
    }
    if (d.view() && d.name().toLowerCase(java.util.Locale.ROOT).startsWith(GlobalTempViews.DATABASE + ".")) {
      if (!catalog.dropGlobalTempView(d.name()) && !d.ifExists()) {
        throw catalog.notFound(d.name());
      }
      return;
    }
    TableIdentifier id = catalog.identifier(d.name());
    CatalogTable t = catalog.persistent().getTable(id).orElse(null);
    if (t == null) {
      if (!d.ifExists()) {
        catalog.tableMetadata(d.name());
      }
      return;
    }
    if (t.isView() != d.view()) {
      throw new io.ember.core.errors.AnalysisException("WRONG_COMMAND_FOR_OBJECT_TYPE", "The operation "
          + (d.view() ? "DROP VIEW requires a VIEW" : "DROP TABLE requires a TABLE") + ". But " + id.quoted()
          + " is a " + (t.isView() ? "VIEW" : t.type().name() + " table") + ". Use " + (t.isView() ? "DROP VIEW"
          : "DROP TABLE") + " instead.");
    }
    catalog.persistent().dropTable(id, true);
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
}
