package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileSource;
import io.ember.connectors.file.SaveMode;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads and writes the persistent tables of a session's catalog with Spark's semantics: a table is read as its
 * files in its format with its schema; {@code saveAsTable} creates a table (or, by save mode, fails, ignores,
 * appends by column name, or replaces it); {@code insertInto} writes into an existing table by column position,
 * casting to the table's types, appending or overwriting. Rows are written by the table's data source through
 * {@link DataFrameWriter}, so every format the writer knows (and a provider's, e.g. parquet) works for tables.
 */
final class PersistentTables {
  /** The session option naming the format of tables created without one, as Spark's. */
  static final String DEFAULT_SOURCE = "spark.sql.sources.default";
  /** Spark's default for {@link #DEFAULT_SOURCE}. */
  static final String DEFAULT_FORMAT = "parquet";

  private static final java.util.Set<String> FILE_FORMATS = java.util.Set.of("csv", "json", "text");

  private PersistentTables() {}

  /** The session's {@code spark.sql.sources.default}, lower case. */
  static String defaultSource(Session session) {
    return session.sessionConf().getRaw(DEFAULT_SOURCE).orElse(DEFAULT_FORMAT).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The plan reading table {@code t}: its files with its data schema, then its columns in its order with its types
   * (a partition column that no directory names yet, as in an empty table, is null). Aliased by the table's name.
   */
  static LogicalPlan read(Session session, CatalogTable t) {
    DataFrameReader reader = session.read().format(t.format()).options(t.options()).schema(t.dataSchema());
    DataFrame files = reader.load(t.location());
    StructType found = files.schema();
    List<Column> columns = new ArrayList<>();
    boolean same = found.size() == t.schema().size();
    for (int i = 0; i < t.schema().size(); i++) {
      StructField f = t.schema().field(i);
      int at = indexOf(found, f.name());
      same &= at == i && found.field(at).name().equals(f.name()) && found.field(at).dataType().equals(f.dataType());
      Column c = at >= 0 ? files.col(quote(found.field(at).name())) : functions.lit(null);
      columns.add((at >= 0 && found.field(at).dataType().equals(f.dataType()) ? c : c.cast(f.dataType()))
          .as(f.name()));
    }
    LogicalPlan plan = same ? files.logicalPlan() : files.select(columns.toArray(new Column[0])).logicalPlan();
    return new LogicalPlan.SubqueryAlias(PlanIds.next(), t.id().table(), plan);
  }

  /**
   * Creates table {@code name} (see {@link Catalog#createTable}): external at the {@code path} option, else managed
   * in the warehouse; {@code schema} null reads it from the files at {@code path}. The partition columns move to
   * the end of the schema, as Spark orders them.
   *
   * @return the new table, or the existing one when {@code ifNotExists} and it exists
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}, {@code LOCATION_ALREADY_EXISTS},
   *     {@code UNABLE_TO_INFER_SCHEMA} without a schema and a path, {@code COLUMN_NOT_DEFINED_IN_TABLE} for an
   *     unknown partition column
   */
  static CatalogTable create(Session session, String name, String format, StructType schema,
      List<String> partitionBy, Map<String, String> options, String comment, boolean ifNotExists) {
    TableIdentifier id = session.catalog().identifier(name);
    SessionCatalog catalog = session.catalog().persistent();
    if (ifNotExists && catalog.tableExists(id)) {
      return catalog.getTable(id).orElseThrow();
    }
    Map<String, String> opts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    opts.putAll(options);
    String path = opts.remove("path");
    String fmt = format == null ? defaultSource(session) : format.trim().toLowerCase(Locale.ROOT);
    requireFileFormat(fmt);
    if (schema == null) {
      if (path == null) {
        throw new AnalysisException("UNABLE_TO_INFER_SCHEMA", "Unable to infer schema for " + fmt.toUpperCase(
            Locale.ROOT) + ". It must be specified manually: give the table's columns, or a LOCATION holding files.");
      }
      schema = session.read().format(fmt).options(opts).load(path).schema();
    }
    StructType ordered = partitionedLast(id, schema, partitionBy);
    List<String> parts = ordered.fieldNames().subList(ordered.size() - partitionBy.size(), ordered.size());
    Path location = path != null ? FileLister.toPath(path) : catalog.defaultLocation(id);
    CatalogTable table = new CatalogTable(id, path != null ? CatalogTable.TableType.EXTERNAL
        : CatalogTable.TableType.MANAGED, fmt, ordered, parts, opts, location.toString(), comment,
        System.currentTimeMillis());
    if (!catalog.createTable(table, ifNotExists)) {
      return catalog.getTable(id).orElseThrow();
    }
    return table;
  }

  /**
   * {@code df.write.saveAsTable(name)}: creates the table from {@code df}'s schema and rows when it does not exist;
   * else by {@code mode}: error fails ({@code TABLE_OR_VIEW_ALREADY_EXISTS}), ignore does nothing, append adds the
   * rows by column name, overwrite replaces the table's rows and schema (Spark drops and creates it again).
   *
   * @param format the writer's format, or null when none was set (the session's default, or the table's)
   */
  static void saveAsTable(DataFrame df, String name, String format, SaveMode mode, Map<String, String> options,
      List<String> partitionBy) {
    Session session = df.session();
    if (df.isStreaming()) {
      throw new AnalysisException("CALL_ON_STREAMING_DATASET_UNSUPPORTED", "The method `saveAsTable` can not be"
          + " called on streaming Dataset/DataFrame; use writeStream().toTable.");
    }
    TableIdentifier id = session.catalog().identifier(name);
    SessionCatalog catalog = session.catalog().persistent();
    CatalogTable existing = catalog.getTable(id).orElse(null);
    if (existing != null && existing.isView() && mode != SaveMode.IGNORE) {
      throw expectTable(existing, "saveAsTable");
    }
    if (existing == null) {
      String path = option(options, "path");
      if (path != null && !isEmptyOrAbsent(FileLister.toPath(path))) {
        if (mode == SaveMode.IGNORE) {
          return;
        }
        if (mode == SaveMode.ERROR_IF_EXISTS) {
          throw new AnalysisException("PATH_ALREADY_EXISTS", "Path " + FileLister.qualified(FileLister.toPath(path))
              + " already exists. Set mode as \"overwrite\" to overwrite the existing path.");
        }
      }
      CatalogTable created = create(session, name, format, df.schema(), partitionBy, options, null, false);
      writeNew(df, created, mode == SaveMode.OVERWRITE ? SaveMode.OVERWRITE : SaveMode.APPEND);
      return;
    }
    switch (mode) {
      case ERROR_IF_EXISTS -> throw SessionCatalog.alreadyExists(id);
      case IGNORE -> { }
      case APPEND -> {
        requireSameFormat(existing, format);
        if (!partitionBy.isEmpty() && !sameNames(partitionBy, existing.partitionColumns())) {
          throw new AnalysisException("_LEGACY_ERROR_TEMP_1163", "Specified partitioning does not match that of the"
              + " existing table " + id + ".\nSpecified partition columns: [" + String.join(", ", partitionBy)
              + "]\nExisting partition columns: [" + String.join(", ", existing.partitionColumns()) + "]");
        }
        write(byName(df, existing), existing, SaveMode.APPEND);
      }
      case OVERWRITE -> {
        requireNotReadFrom(df, existing);
        StructType ordered = partitionedLast(id, df.schema(), partitionBy);
        CatalogTable replaced = new CatalogTable(id, existing.type(),
            format == null ? existing.format() : format.trim().toLowerCase(Locale.ROOT), ordered,
            ordered.fieldNames().subList(ordered.size() - partitionBy.size(), ordered.size()), existing.options(),
            existing.location(), existing.comment(), existing.createdMillis());
        write(byName(df, replaced), replaced, SaveMode.OVERWRITE);
        catalog.alterTable(replaced);
      }
      default -> throw new IllegalStateException("Unknown save mode " + mode);
    }
  }

  /**
   * {@code df.write.insertInto(name)} and SQL {@code INSERT INTO|OVERWRITE}: {@code df}'s columns by position,
   * cast to the table's types, appended or (overwrite) replacing every row of the table, or of a partitioned table
   * the partitions {@link TableInserts#dynamicMode} says.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, {@code INSERT_COLUMN_ARITY_MISMATCH},
   *     {@code UNSUPPORTED_INSERT.RDD_BASED} for a temporary view, {@code UNSUPPORTED_OVERWRITE.TABLE} when
   *     overwriting a table the query reads
   */
  static void insertInto(DataFrame df, String name, boolean overwrite) {
    insertInto(df, name, overwrite, Map.of());
  }

  /** As {@link #insertInto(DataFrame, String, boolean)} with the writer's options ({@code partitionOverwriteMode}). */
  static void insertInto(DataFrame df, String name, boolean overwrite, Map<String, String> writeOptions) {
    Catalog catalog = df.session().catalog();
    if (!TableIdentifier.isQualified(name) && catalog.listTablesDetailed(null).stream()
        .anyMatch(t -> t.isTemporary() && t.name().equalsIgnoreCase(name))) {
      throw new AnalysisException("UNSUPPORTED_INSERT.RDD_BASED", "Can't insert into the target `" + name + "`: it"
          + " is a temporary view. Insert into a table (saveAsTable or CREATE TABLE makes one).");
    }
    CatalogTable table = catalog.tableMetadata(name);
    if (table.isView()) {
      throw expectTable(table, "INSERT");
    }
    if (overwrite) {
      requireNotReadFrom(df, table);
      TableInserts.overwrite(byPosition(df, table), table, Map.of(), writeOptions);
      return;
    }
    write(byPosition(df, table), table, SaveMode.APPEND);
  }

  /** The plan reading {@code t}: a view's query (see {@link PersistentViews}) or a table's files. */
  static LogicalPlan readTableOrView(Session session, CatalogTable t) {
    return t.isView() ? PersistentViews.read(session, t) : read(session, t);
  }

  /** Spark's {@code EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE}: {@code operation} needs a table, {@code view} is one. */
  static AnalysisException expectTable(CatalogTable view, String operation) {
    return new AnalysisException("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE", "'" + operation + "' expects a table but "
        + view.id().quoted() + " is a view.");
  }

  /** Writes the rows of a table just created; on failure the table is dropped again (with a managed one's files). */
  private static void writeNew(DataFrame df, CatalogTable table, SaveMode mode) {
    try {
      write(byName(df, table), table, mode);
    } catch (RuntimeException e) {
      df.session().catalog().persistent().dropTable(table.id(), true);
      throw e;
    }
  }

  /** Writes {@code rows} (already in the table's column order and types) to the table's directory. */
  static void write(DataFrame rows, CatalogTable table, SaveMode mode) {
    rows.write().format(table.format()).options(table.options())
        .partitionBy(table.partitionColumns().toArray(new String[0])).mode(mode).save(table.location());
  }

  /** {@code df}'s columns matched to the table's by name (any case), in the table's order and types. */
  static DataFrame byName(DataFrame df, CatalogTable table) {
    StructType in = df.schema();
    if (in.size() != table.schema().size()) {
      throw arity(table, in);
    }
    List<Column> out = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      int at = indexOf(in, f.name());
      if (at < 0) {
        throw AnalysisException.unresolvedColumn(f.name(), in.fieldNames());
      }
      out.add(conform(df, in.field(at), f));
    }
    return df.select(out.toArray(new Column[0]));
  }

  /** {@code df}'s columns taken as the table's by position, cast to its types and named as its columns. */
  static DataFrame byPosition(DataFrame df, CatalogTable table) {
    StructType in = df.schema();
    if (in.size() != table.schema().size()) {
      throw arity(table, in);
    }
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      out.add(conform(df, in.field(i), table.schema().field(i)));
    }
    return df.select(out.toArray(new Column[0]));
  }

  private static Column conform(DataFrame df, StructField from, StructField to) {
    Column c = df.col(quote(from.name()));
    return (from.dataType().equals(to.dataType()) ? c : c.cast(to.dataType())).as(to.name());
  }

  private static AnalysisException arity(CatalogTable table, StructType data) {
    boolean tooMany = data.size() > table.schema().size();
    return new AnalysisException("INSERT_COLUMN_ARITY_MISMATCH." + (tooMany ? "TOO_MANY_DATA_COLUMNS"
        : "NOT_ENOUGH_DATA_COLUMNS"), "Cannot write to " + table.id().quoted() + ", the reason is too "
        + (tooMany ? "many" : "not enough") + " data columns:\nTable columns: " + quotedNames(table.schema())
        + ".\nData columns: " + quotedNames(data) + ".");
  }

  /** Spark refuses to overwrite a table its own query reads (the files would be deleted before they are read). */
  static void requireNotReadFrom(DataFrame df, CatalogTable table) {
    Path location = Path.of(table.location());
    if (readsFrom(df.logicalPlan(), location)) {
      throw new AnalysisException("UNSUPPORTED_OVERWRITE.TABLE", "Can't overwrite the target that is also being"
          + " read from. The target table is " + table.id().quoted() + ".");
    }
  }

  private static boolean readsFrom(LogicalPlan plan, Path location) {
    if (plan instanceof LogicalPlan.SourceScan scan && scan.source() instanceof FileSource files
        && files.files().stream().anyMatch(f -> FileLister.toPath(f.path()).startsWith(location))) {
      return true;
    }
    return plan.children().stream().anyMatch(c -> readsFrom(c, location));
  }

  /** A table's format must be one that reads and writes files: csv, json, text, or a provider's (parquet). */
  private static void requireFileFormat(String format) {
    if (!FILE_FORMATS.contains(format) && io.ember.connectors.spi.DataSourceProviders.find(format).isEmpty()) {
      throw new AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format + ". Tables"
          + " are stored as csv, json or text" + io.ember.connectors.spi.DataSourceProviders.names().stream()
          .map(n -> ", " + n).collect(Collectors.joining()) + (format.equals(DEFAULT_FORMAT) ? " (" + DEFAULT_FORMAT
          + " is " + DEFAULT_SOURCE + "'s default: name a format with USING or format(), or set " + DEFAULT_SOURCE
          + ")" : "") + ".");
    }
  }

  private static void requireSameFormat(CatalogTable table, String format) {
    if (format != null && !format.trim().equalsIgnoreCase(table.format())) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1159", "The format of the existing table " + table.id()
          + " is `" + table.format() + "`. It doesn't match the specified format `" + format.trim() + "`.");
    }
  }

  /** {@code schema} with the partition columns (checked, in {@code partitionBy}'s order) last. */
  private static StructType partitionedLast(TableIdentifier id, StructType schema, List<String> partitionBy) {
    List<StructField> data = new ArrayList<>(schema.fields());
    List<StructField> parts = new ArrayList<>();
    for (String p : partitionBy) {
      int at = indexOf(new StructType(data), p);
      if (at < 0) {
        throw new AnalysisException("COLUMN_NOT_DEFINED_IN_TABLE", "partition column `" + p + "` is not defined in"
            + " table " + id.quoted() + ", defined table columns are: " + quotedNames(schema) + ".");
      }
      parts.add(data.remove(at));
    }
    if (data.isEmpty() && !parts.isEmpty()) {
      throw new AnalysisException("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition"
          + " columns.");
    }
    List<StructField> all = new ArrayList<>();
    data.forEach(f -> all.add(f.withNullable(true)));
    parts.forEach(f -> all.add(f.withNullable(true)));
    return new StructType(all);
  }

  private static boolean sameNames(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(StructType schema, String name) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String quotedNames(StructType schema) {
    return schema.fieldNames().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
  }

  /** The value of option {@code key} (any case), or null. */
  static String option(Map<String, String> options, String key) {
    return options.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static boolean isEmptyOrAbsent(Path dir) {
    if (!Files.isDirectory(dir)) {
      return !Files.exists(dir);
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
