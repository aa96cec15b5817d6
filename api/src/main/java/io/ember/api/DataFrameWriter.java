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
  private String format = "parquet";
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;
  private List<String> partitionBy = List.of();

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  /** {@code csv}, {@code json} or {@code text}. */
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
    var sink = FileSinks.create(format, path, mode, options.asMap(), partitionBy);
    df.session().runner();
    df.queryExecution().writeTo(sink);
  }

  /**
   * Writes to the {@code path} option.
   *
   * @throws EmberIllegalArgumentException when the option is not set
   */
  public void save() {
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
}
