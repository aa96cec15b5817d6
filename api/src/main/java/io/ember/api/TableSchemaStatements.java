package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.Table;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.sql.SqlTableStatement;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Spark's statements that make a table's columns or change them, as Spark's session catalog runs them for its
 * file (v1) tables, which are every table Ember has: {@code CREATE TABLE .. LIKE} copies a table's or view's
 * columns; {@code ALTER TABLE .. ALTER|CHANGE COLUMN} sets a column's comment (its type only to the same type, as
 * Spark's {@code AlterTableChangeColumnCommand}); {@code REPLACE TABLE}, {@code RENAME COLUMN} and
 * {@code DROP COLUMN} are refused with Spark's {@code UNSUPPORTED_FEATURE.TABLE_OPERATION}, Spark running them
 * only for tables of a v2 data source.
 */
final class TableSchemaStatements {
  private TableSchemaStatements() {}

  /** Runs {@code statement}; false when it is none of these statements. */
  static boolean run(Session session, SqlTableStatement statement) {
    Catalog catalog = session.catalog();
    if (statement instanceof SqlTableStatement.CreateTableLike c) {
      createLike(session, c);
    } else if (statement instanceof SqlTableStatement.ReplaceTable r) {
      throw unsupported(catalog.identifier(r.name()), r.asSelect() ? "REPLACE TABLE AS SELECT" : "REPLACE TABLE");
    } else if (statement instanceof SqlTableStatement.RenameColumn r) {
      throw unsupported(CatalogStatements.alterable(catalog, r.name(), false).id(), "RENAME COLUMN");
    } else if (statement instanceof SqlTableStatement.DropColumns d) {
      throw unsupported(CatalogStatements.alterable(catalog, d.name(), false).id(), "DROP COLUMN");
    } else if (statement instanceof SqlTableStatement.AlterColumn a) {
      alterColumn(session, a);
    } else {
      return false;
    }
    return true;
  }

  /**
   * Spark's {@code CREATE TABLE t LIKE source}: the source's columns (with their comments), partition columns,
   * format and options; {@code USING} names another format; a view's (or temporary view's) columns make a table
   * of the default format. Managed, or external at {@code LOCATION}; the properties are the statement's only.
   */
  private static void createLike(Session session, SqlTableStatement.CreateTableLike c) {
    Catalog catalog = session.catalog();
    Table source = catalog.getTable(c.source());
    CatalogTable from = source.isTemporary() ? null : catalog.tableMetadata(c.source());
    TableIdentifier id = catalog.identifier(c.name());
    if (catalog.persistent().tableExists(id)) {
      if (c.ifNotExists()) {
        return;
      }
      throw SessionCatalog.alreadyExists(id);
    }
    boolean table = from != null && !from.isView();
    StructType schema = from != null ? from.schema() : session.table(c.source()).schema();
    String format = c.format() != null ? c.format() : table ? from.format() : null;
    Map<String, String> options = new LinkedHashMap<>(table ? from.options() : Map.of());
    options.remove("path");
    if (c.location() != null) {
      options.put("path", c.location());
    }
    CatalogTable created = PersistentTables.create(session, c.name(), format, schema,
        table ? from.partitionColumns() : List.of(), options, null, false);
    if (!c.properties().isEmpty() || from != null && !from.columnComments().isEmpty()) {
      catalog.persistent().alterTable(created.withProperties(c.properties())
          .withColumnComments(from != null ? from.columnComments() : Map.of()));
    }
  }

  /**
   * Spark's {@code ALTER TABLE t ALTER|CHANGE COLUMN c} for a v1 table: a new comment for a data column; the type
   * may be named only as it is, and Hive's form only with the column's own name.
   *
   * @throws AnalysisException {@code UNSUPPORTED_FEATURE.TABLE_OPERATION} for a nested column, NOT NULL and
   *     FIRST/AFTER; {@code UNRESOLVED_COLUMN}; {@code CANNOT_ALTER_PARTITION_COLUMN};
   *     {@code NOT_SUPPORTED_CHANGE_COLUMN} for another type or name
   */
  private static void alterColumn(Session session, SqlTableStatement.AlterColumn a) {
    Catalog catalog = session.catalog();
    CatalogTable table = CatalogStatements.alterable(catalog, a.name(), false);
    if (TableIdentifier.isQualified(a.column())) {
      throw unsupported(table.id(), "ALTER COLUMN with qualified column");
    }
    if (a.refused() != null) {
      throw unsupported(table.id(), a.refused());
    }
    int at = indexOf(table.schema(), a.column());
    if (at < 0) {
      throw AnalysisException.unresolvedColumn(a.column(), table.schema().fieldNames());
    }
    StructField column = table.schema().field(at);
    if (table.isPartitionColumn(column.name())) {
      throw new AnalysisException("CANNOT_ALTER_PARTITION_COLUMN", "ALTER TABLE (ALTER|CHANGE) COLUMN is not"
          + " supported for partition columns, but found the partition column `" + column.name() + "` in the table "
          + table.id().quoted() + ".");
    }
    DataType type = a.type() == null ? column.dataType() : TableStatements.schema(session,
        List.of(new SqlTableStatement.ColumnDefinition(column.name(), a.type(), true))).field(0).dataType();
    String newName = a.newName() != null ? a.newName() : column.name();
    if (!type.equals(column.dataType()) || !newName.equalsIgnoreCase(column.name())) {
      throw new AnalysisException("NOT_SUPPORTED_CHANGE_COLUMN", "ALTER TABLE ALTER/CHANGE COLUMN is not supported"
          + " for changing " + table.id().quoted() + "'s column `" + column.name() + "` with type \""
          + column.dataType().simpleString().toUpperCase(java.util.Locale.ROOT) + "\" to `" + newName
          + "` with type \"" + type.simpleString().toUpperCase(java.util.Locale.ROOT) + "\". A file table keeps"
          + " its columns' names and types; only a column's comment changes.");
    }
    if (a.comment() != null) {
      Map<String, String> comments = new LinkedHashMap<>(table.columnComments());
      comments.put(column.name(), a.comment());
      catalog.persistent().alterTable(table.withColumnComments(comments));
    }
  }

  /** Spark's {@code UNSUPPORTED_FEATURE.TABLE_OPERATION}: the session catalog's table {@code id} cannot do it. */
  static AnalysisException unsupported(TableIdentifier id, String operation) {
    return new AnalysisException("UNSUPPORTED_FEATURE.TABLE_OPERATION", "The feature is not supported: Table "
        + id.quoted() + " does not support " + operation + ". Please check the current catalog and namespace to"
        + " make sure the qualified table name is expected, and also check the catalog implementation which is"
        + " configured by \"spark.sql.catalog\". (Spark runs it only for tables of a v2 data source; Ember's"
        + " tables are file tables, v1 in Spark's session catalog.)");
  }

  private static int indexOf(StructType schema, String name) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
