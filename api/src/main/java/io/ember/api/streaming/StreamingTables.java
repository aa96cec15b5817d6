package io.ember.api.streaming;

import io.ember.api.Column;
import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.Table;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Persistent tables as streams: {@code readStream.table} reads the files that appear in a table's directory (every
 * writer's: batch inserts, other streams), {@code writeStream.toTable} writes a stream through the streaming file
 * sink into the table's directory, creating the table when it does not exist.
 */
final class StreamingTables {
  private StreamingTables() {}

  /**
   * The stream of table {@code name}: a temporary view that is a stream, else the persistent table's files as a file
   * stream in the table's format with its schema, its options overridden by the reader's {@code options}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}; {@code UNSUPPORTED_FEATURE.STREAMING_TABLE} for a
   *     batch temporary view or a partitioned table
   */
  static DataFrame read(Session session, String name, Map<String, String> options) {
    Table entry = session.catalog().getTable(name);
    if (entry.isTemporary()) {
      DataFrame view = session.table(name);
      if (!view.isStreaming()) {
        throw unsupported("reading the batch temporary view `" + name + "` as a stream (read it with"
            + " spark.table, or make the view from a stream)");
      }
      return view;
    }
    CatalogTable t = session.catalog().tableMetadata(name);
    if (t.isView()) {
      throw new AnalysisException("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "'readStream.table' expects a table but "
          + t.id().quoted() + " is a view.");
    }
    if (!t.partitionColumns().isEmpty()) {
      throw unsupported("reading the partitioned table " + t.id().quoted() + " as a stream (a file stream carries"
          + " no partition columns)");
    }
    DataFrame files = new DataStreamReader(session).format(t.format()).options(t.options()).options(options)
        .schema(t.dataSchema()).load(t.location());
    return session.dataFrame(new LogicalPlan.SubqueryAlias(PlanIds.next(), t.id().table(), files.logicalPlan()));
  }

  /**
   * The table a stream of {@code df} is written to by {@code toTable(name)}: the existing one (whose format and
   * partitioning must agree with those the writer set, if any), else a new one from {@code df}'s schema, in
   * {@code format} (null: {@code spark.sql.sources.default}), partitioned by {@code partitionBy}.
   *
   * @throws AnalysisException for a temporary view, a format or partitioning other than the table's
   */
  static CatalogTable sinkTable(DataFrame df, String name, String format, Map<String, String> options,
      List<String> partitionBy) {
    Session session = df.session();
    if (!TableIdentifier.isQualified(name) && session.catalog().listTablesDetailed(null).stream()
        .anyMatch(t -> t.isTemporary() && t.name().equalsIgnoreCase(name))) {
      throw unsupported("writing a stream to the temporary view `" + name + "` (toTable writes to tables)");
    }
    if (!session.catalog().persistent().tableExists(session.catalog().identifier(name))) {
      return session.catalog().createTable(name, format, df.schema(), partitionBy, options, true);
    }
    CatalogTable t = session.catalog().tableMetadata(name);
    if (t.isView()) {
      throw new AnalysisException("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "'toTable' expects a table but "
          + t.id().quoted() + " is a view.");
    }
    if (format != null && !format.trim().equalsIgnoreCase(t.format())) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1159", "The format of the existing table " + t.id()
          + " is `" + t.format() + "`. It doesn't match the specified format `" + format.trim() + "`.");
    }
    if (!partitionBy.isEmpty() && !partitionBy.stream().map(String::toLowerCase).toList()
        .equals(t.partitionColumns().stream().map(String::toLowerCase).toList())) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1163", "Specified partitioning does not match that of the"
          + " existing table " + t.id() + ".\nSpecified partition columns: [" + String.join(", ", partitionBy)
          + "]\nExisting partition columns: [" + String.join(", ", t.partitionColumns()) + "]");
    }
    return t;
  }

  /**
   * {@code df}'s columns matched to {@code table}'s by name (any case), in the table's order and cast to its types.
   *
   * @throws AnalysisException {@code INSERT_COLUMN_ARITY_MISMATCH} for another number of columns,
   *     {@code UNRESOLVED_COLUMN} for a table column the stream lacks
   */
  static DataFrame conform(DataFrame df, CatalogTable table) {
    StructType in = df.schema();
    if (in.size() != table.schema().size()) {
      throw new AnalysisException("INSERT_COLUMN_ARITY_MISMATCH." + (in.size() > table.schema().size()
          ? "TOO_MANY_DATA_COLUMNS" : "NOT_ENOUGH_DATA_COLUMNS"), "Cannot write to " + table.id().quoted()
          + ": the table has columns " + table.schema().fieldNames() + ", the stream " + in.fieldNames() + ".");
    }
    List<Column> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      StructField from = in.fields().stream().filter(x -> x.name().equalsIgnoreCase(f.name())).findFirst()
          .orElseThrow(() -> AnalysisException.unresolvedColumn(f.name(), in.fieldNames()));
      Column c = df.col("`" + from.name().replace("`", "``") + "`");
      out.add((from.dataType().equals(f.dataType()) ? c : c.cast(f.dataType())).as(f.name()));
    }
    return df.select(out.toArray(new Column[0]));
  }

  private static AnalysisException unsupported(String what) {
    return new AnalysisException("UNSUPPORTED_FEATURE.STREAMING_TABLE", "The feature is not supported: " + what
        + ".");
  }
}
