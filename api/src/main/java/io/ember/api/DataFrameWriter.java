package io.ember.api;

import io.ember.api.internal.Options;
import io.ember.connectors.file.FileSinks;
import io.ember.connectors.file.SaveMode;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.List;
import java.util.Map;

/**
 * Writes a DataFrame to files ({@link DataFrame#write()}), as Spark's {@code DataFrameWriter}: part files in a
 * directory, a {@code _SUCCESS} marker, and nothing visible until the job committed. The {@link #mode}
 * decides what happens when the path exists: {@code error} (the default) fails with "already exists",
 * {@code append}, {@code overwrite}, {@code ignore}.
 */
public final class DataFrameWriter {
  private final DataFrame df;
  private final Options options = new Options();
  /** The format set by {@link #format}, or null for the session's {@code spark.sql.sources.default}. */
  private String format;
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
  private List<String> partitionBy = List.of();

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  /**
   * {@code csv}, {@code json}, {@code text}, or a provider's format (e.g. {@code parquet}); without one, the
   * session's {@code spark.sql.sources.default} (for a table being appended to: the table's format).
   */
  public DataFrameWriter format(String source) {
    this.format = source;
    return this;
  }

  /**
   * {@code error}/{@code errorifexists}/{@code default}, {@code append}, {@code overwrite} or {@code ignore}.
   *
   * @throws EmberIllegalArgumentException for another string
   */
  public DataFrameWriter mode(String saveMode) {
    this.mode = SaveMode.fromString(saveMode);
    return this;
  }

  public DataFrameWriter mode(SaveMode saveMode) {
    this.mode = saveMode;
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameWriter option(String key, double value) {
    return option(key, Options.format(value));
  }

  public DataFrameWriter options(Map<String, String> options) {
    this.options.putAll(options);
    return this;
  }

  /** Writes one directory per value of these columns ({@code col=value/}), without the columns in the files. */
  public DataFrameWriter partitionBy(String... colNames) {
    this.partitionBy = List.of(colNames);
    return this;
  }

  public void csv(String path) {
    format("csv").save(path);
  }

  public void json(String path) {
    format("json").save(path);
  }

  /** Parquet files, snappy-compressed unless option {@code compression} says otherwise (none, gzip, zstd, lz4_raw). */
  public void parquet(String path) {
    format("parquet").save(path);
  }

  /** One line per row; the DataFrame must have a single string column. */
  public void text(String path) {
    format("text").save(path);
  }

  /**
   * Runs the query and writes its rows to {@code path}.
   *
   * @throws io.ember.core.errors.AnalysisException for an unknown format, or when the path exists in mode error
   */
  public void save(String path) {
    var sink = FileSinks.create(resolvedFormat(), path, mode, options.asMap(), partitionBy);
    df.session().runner();
    df.queryExecution().writeTo(sink);
  }

  /**
   * Writes to the {@code path} option.
   *
   * @throws EmberIllegalArgumentException when the option is not set
   */
  public void save() {
    String format = resolvedFormat();
    var provider = io.ember.connectors.spi.DataSourceProviders.find(format);
    if (provider.isPresent() && provider.get().fileFormat() == null) {
      // a format from its own module (kafka): options only, no path
      var sink = provider.get().createBatchSink(options.asMap(), mode, df.schema());
      df.session().runner();
      df.queryExecution().writeTo(sink);
      return;
    }
    String path = options.get("path");
    if (path == null) {
      throw new EmberIllegalArgumentException(
          "PATH_NOT_SPECIFIED", "No path to write to: pass one to save(path) / " + format + "(path), or set"
              + " option(\"path\", ...).");
    }
    save(path);
  }

  /**
   * Writes the rows as the persistent table {@code tableName} ({@code name} or {@code db.name}), as Spark's
   * {@code saveAsTable}. A new table is created from the DataFrame's schema, the {@link #partitionBy} columns last: a
   * managed table in the warehouse ({@code spark.sql.warehouse.dir}), or an external one at the {@code path} option.
   * For an existing table the {@link #mode} decides: {@code error} (the default) fails, {@code ignore} does nothing,
   * {@code append} adds the rows matching columns by name, {@code overwrite} replaces its rows and schema.
   *
   * @throws io.ember.core.errors.AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS} in mode error,
   *     {@code LOCATION_ALREADY_EXISTS} when a new managed table's directory holds files, a format or partitioning
   *     other than the existing table's in mode append, {@code UNSUPPORTED_OVERWRITE.TABLE} when overwriting a table
   *     the DataFrame reads
   */
  public void saveAsTable(String tableName) {
    PersistentTables.saveAsTable(df, tableName, format, mode, options.asMap(), partitionBy);
  }

  /**
   * Inserts the rows into the existing table {@code tableName}, as Spark's {@code insertInto}: columns by position
   * (not by name), cast to the table's types; mode {@code overwrite} replaces every row of the table (of a partitioned
   * table: every partition, or with {@code spark.sql.sources.partitionOverwriteMode} or the option
   * {@code partitionOverwriteMode} DYNAMIC only those the rows fall into), any other mode appends.
   *
   * @throws io.ember.core.errors.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND},
   *     {@code INSERT_COLUMN_ARITY_MISMATCH} when the numbers of columns differ, {@code _LEGACY_ERROR_TEMP_1309}
   *     with {@link #partitionBy} (the table's partitioning applies)
   */
  public void insertInto(String tableName) {
    if (!partitionBy.isEmpty()) {
      throw new io.ember.core.errors.AnalysisException("_LEGACY_ERROR_TEMP_1309", "insertInto() can't be used"
          + " together with partitionBy(). Partition columns have already been defined for the table. It is not"
          + " necessary to use partitionBy().");
    }
    PersistentTables.insertInto(df, tableName, mode == SaveMode.OVERWRITE, options.asMap());
  }

  private String resolvedFormat() {
    return format != null ? format : PersistentTables.defaultSource(df.session());
  }
}
