package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.Table;
import io.ember.api.sql.SqlTableStatement;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DdlParser;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs Spark's statements that describe the catalog and give rows, with Spark's columns: {@code SHOW CREATE TABLE}
 * ({@code createtab_stmt}), {@code SHOW PARTITIONS} ({@code partition}), {@code SHOW COLUMNS} ({@code col_name}),
 * {@code SHOW VIEWS} ({@code namespace, viewName, isTemporary}), {@code SHOW TBLPROPERTIES} ({@code key, value})
 * and {@code DESCRIBE [EXTENDED|FORMATTED]} ({@code col_name, data_type, comment}, the detailed section as Spark
 * prints a session catalog table's), {@code DESCRIBE DATABASE} ({@code info_name, info_value}).
 */
final class ShowStatements {
  private ShowStatements() {}

  /** The rows of {@code statement}, or null when it is none of these statements. */
  static DataFrame run(Session session, SqlTableStatement statement) {
    if (statement instanceof SqlTableStatement.ShowCreateTable s) {
      return strings(session, "createtab_stmt", List.of(showCreate(session.catalog(), s.name())));
    }
    if (statement instanceof SqlTableStatement.ShowPartitions s) {
      return strings(session, "partition", showPartitions(session.catalog(), s));
    }
    if (statement instanceof SqlTableStatement.ShowColumns s) {
      return strings(session, "col_name", List.of(session.table(s.name()).columns()));
    }
    if (statement instanceof SqlTableStatement.ShowViews s) {
      return showViews(session, s);
    }
    if (statement instanceof SqlTableStatement.ShowProperties s) {
      return showProperties(session, s);
    }
    if (statement instanceof SqlTableStatement.Describe d) {
      return describe(session, d);
    }
    if (statement instanceof SqlTableStatement.DescribeDatabase d) {
      return describeDatabase(session, d);
    }
    return null;
  }

  /** Spark's {@code (info_name, info_value)} rows of a database. */
  private static DataFrame describeDatabase(Session session, SqlTableStatement.DescribeDatabase d) {
    io.ember.api.catalog.CatalogDatabase db = session.catalog().persistent().getDatabase(d.name());
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of("Catalog Name", SessionCatalog.CATALOG_NAME));
    rows.add(Row.of("Namespace Name", db.name()));
    rows.add(Row.of("Comment", db.comment() == null ? "" : db.comment()));
    rows.add(Row.of("Location", "file:" + db.location()));
    rows.add(Row.of("Owner", System.getProperty("user.name", "")));
    if (d.extended()) {
      rows.add(Row.of("Properties", db.properties().isEmpty() ? "" : db.properties().entrySet().stream()
          .map(e -> "(" + e.getKey() + "," + e.getValue() + ")").collect(Collectors.joining(", ", "(", ")"))));
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("info_name", DataTypes.STRING),
        DataTypes.field("info_value", DataTypes.STRING)));
  }

  private static DataFrame strings(Session session, String column, List<String> values) {
    List<Row> rows = new ArrayList<>();
    values.forEach(v -> rows.add(Row.of(v)));
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field(column, DataTypes.STRING)));
  }

  /** Spark's text of a data source table's or a view's definition. */
  static String showCreate(Catalog catalog, String name) {
    if (!io.ember.api.catalog.TableIdentifier.isQualified(name) && catalog.isTemporaryView(name)) {
      throw new AnalysisException("UNSUPPORTED_SHOW_CREATE_TABLE.ON_TEMPORARY_VIEW", "The command is not"
          + " supported on a temporary view `" + name + "`.");
    }
    CatalogTable t = catalog.tableMetadata(name);
    StringBuilder b = new StringBuilder(t.isView() ? "CREATE VIEW " : "CREATE TABLE ");
    b.append(SessionCatalog.CATALOG_NAME).append('.').append(quoteIfNeeded(t.id().database())).append('.')
        .append(quoteIfNeeded(t.id().table())).append(" (\n");
    List<String> columns = new ArrayList<>();
    for (StructField f : t.schema().fields()) {
      String comment = t.columnComment(f.name());
      columns.add("  " + quoteIfNeeded(f.name()) + (t.isView() ? "" : " " + DdlParser.sql(f.dataType())
          + (f.nullable() ? "" : " NOT NULL")) + (comment == null ? "" : " COMMENT '" + escape(comment) + "'"));
    }
    b.append(String.join(",\n", columns)).append(")\n");
    if (!t.isView()) {
      b.append("USING ").append(t.format()).append('\n');
      if (!t.options().isEmpty()) {
        b.append("OPTIONS (\n").append(properties(t.options())).append(")\n");
      }
      if (!t.partitionColumns().isEmpty()) {
        b.append("PARTITIONED BY (").append(t.partitionColumns().stream().map(ShowStatements::quoteIfNeeded)
            .collect(Collectors.joining(", "))).append(")\n");
      }
    }
    if (t.comment() != null) {
      b.append("COMMENT '").append(escape(t.comment())).append("'\n");
    }
    if (t.type() == CatalogTable.TableType.EXTERNAL) {
      b.append("LOCATION 'file:").append(escape(t.location())).append("'\n");
    }
    if (!t.properties().isEmpty()) {
      b.append("TBLPROPERTIES (\n").append(properties(t.properties())).append(")\n");
    }
    if (t.isView()) {
      b.append("AS ").append(t.view().sql()).append('\n');
    }
    return b.toString();
  }

  private static String properties(Map<String, String> props) {
    return props.entrySet().stream().map(e -> "  '" + escape(e.getKey()) + "' = '" + escape(e.getValue()) + "'")
        .collect(Collectors.joining(",\n"));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }

  private static String quoteIfNeeded(String name) {
    boolean plain = !name.isEmpty() && !name.chars().allMatch(Character::isDigit);
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c == '_' || c < 128 && Character.isLetterOrDigit(c);
    }
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  private static List<String> showPartitions(Catalog catalog, SqlTableStatement.ShowPartitions s) {
    CatalogTable t = catalog.tableMetadata(s.name());
    if (t.isView()) {
      throw PersistentTables.expectTable(t, "SHOW PARTITIONS");
    }
    if (t.partitionColumns().isEmpty()) {
      throw new AnalysisException("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY", "The partition command"
          + " is invalid. Table " + t.id().quoted() + " is not partitioned.");
    }
    List<String> out = new ArrayList<>();
    TablePartitions.list(t, TablePartitions.normalize(t, s.partition(), false))
        .forEach(p -> out.add(TablePartitions.name(p)));
    return out;
  }

  private static DataFrame showViews(Session session, SqlTableStatement.ShowViews s) {
    Catalog catalog = session.catalog();
    String db = s.database() != null ? s.database() : catalog.currentDatabase();
    List<Row> rows = new ArrayList<>();
    if (!db.equalsIgnoreCase(GlobalTempViews.DATABASE)) {
      for (CatalogTable t : catalog.persistent().listTables(db)) {
        if (t.isView() && SqlTableStatement.matchesPattern(t.id().table(), s.pattern())) {
          rows.add(Row.of(t.id().database(), t.id().table(), false));
        }
      }
    }
    for (Table t : catalog.listTablesDetailed(db.equalsIgnoreCase(GlobalTempViews.DATABASE) ? db : null)) {
      if (t.isTemporary() && SqlTableStatement.matchesPattern(t.name(), s.pattern())) {
        rows.add(Row.of(t.database() == null ? "" : t.database(), t.name(), true));
      }
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("namespace", DataTypes.STRING),
        DataTypes.field("viewName", DataTypes.STRING), DataTypes.field("isTemporary", DataTypes.BOOLEAN)));
  }

  private static DataFrame showProperties(Session session, SqlTableStatement.ShowProperties s) {
    CatalogTable t = session.catalog().tableMetadata(s.name());
    List<Row> rows = new ArrayList<>();
    if (s.key() == null) {
      t.properties().forEach((k, v) -> rows.add(Row.of(k, v)));
    } else {
      String v = t.properties().get(s.key());
      rows.add(Row.of(s.key(), v != null ? v : "Table " + t.id().quoted() + " does not have property: " + s.key()));
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("key", DataTypes.STRING),
        DataTypes.field("value", DataTypes.STRING)));
  }

  private static DataFrame describe(Session session, SqlTableStatement.Describe d) {
    Catalog catalog = session.catalog();
    Table entry = catalog.getTable(d.name());
    List<Row> rows = new ArrayList<>();
    CatalogTable table = entry.isTemporary() ? null : catalog.tableMetadata(d.name());
    StructType schema = table != null ? table.schema() : session.table(d.name()).schema();
    for (StructField f : schema.fields()) {
      rows.add(Row.of(f.name(), f.dataType().simpleString(), table == null ? null : table.columnComment(f.name())));
    }
    if (table != null && !table.partitionColumns().isEmpty()) {
      rows.add(Row.of("# Partition Information", "", ""));
      rows.add(Row.of("# col_name", "data_type", "comment"));
      for (String p : table.partitionColumns()) {
        rows.add(Row.of(p, schema.field(schema.indexOf(p)).dataType().simpleString(), table.columnComment(p)));
      }
    }
    if (d.extended() && table != null) {
      rows.add(Row.of("", "", ""));
      rows.add(Row.of("# Detailed Table Information", "", ""));
      detail(table).forEach((k, v) -> rows.add(Row.of(k, v, "")));
    }
    return session.createDataFrame(rows, DataTypes.struct(DataTypes.field("col_name", DataTypes.STRING),
        DataTypes.field("data_type", DataTypes.STRING), DataTypes.field("comment", DataTypes.STRING)));
  }

  /** The detailed section of {@code DESCRIBE EXTENDED}, in Spark's order. */
  private static Map<String, String> detail(CatalogTable t) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("Catalog", SessionCatalog.CATALOG_NAME);
    out.put("Database", t.id().database());
    out.put("Table", t.id().table());
    out.put("Created Time", new Date(t.createdMillis()).toString());
    out.put("Last Access", "UNKNOWN");
    out.put("Created By", "Ember " + Version.get());
    out.put("Type", t.type().name());
    if (!t.isView()) {
      out.put("Provider", t.format());
    }
    if (t.comment() != null) {
      out.put("Comment", t.comment());
    }
    if (t.isView()) {
      out.put("View Text", t.view().sql());
      out.put("View Original Text", t.view().sql());
      out.put("View Catalog and Namespace", SessionCatalog.CATALOG_NAME + "." + t.view().database());
      out.put("View Query Output Columns", "[" + String.join(", ", t.view().queryColumns().isEmpty()
          ? t.schema().fieldNames() : t.view().queryColumns()) + "]");
    }
    if (!t.properties().isEmpty()) {
      out.put("Table Properties", t.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ", "[", "]")));
    }
    if (!t.isView()) {
      out.put("Location", "file:" + t.location());
      if (!t.options().isEmpty()) {
        out.put("Storage Properties", t.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", ", "[", "]")));
      }
      if (!t.partitionColumns().isEmpty()) {
        out.put("Partition Provider", "Catalog");
      }
    }
    return out;
  }
}
