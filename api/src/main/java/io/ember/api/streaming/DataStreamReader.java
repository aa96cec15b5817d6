package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.conf.SessionConf;
import io.ember.core.types.DdlParser;
import io.ember.api.internal.Options;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.file.stream.FileStreamSource;
import io.ember.connectors.source.Source;
import io.ember.connectors.stream.RateSource;
import io.ember.connectors.stream.SocketSource;
import io.ember.connectors.stream.SystemUtcClock;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructType;
import java.util.Locale;
import java.util.Map;

/**
 * Makes streaming DataFrames ({@link Session#readStream()}), as Spark's {@code DataStreamReader}: choose a
 * {@link #format}, set options (keys case-insensitive), a {@link #schema} for files, then {@link #load}. Formats:
 *
 * <ul>
 *   <li>{@code rate}: rows {@code (timestamp, value)}, options {@code rowsPerSecond}, {@code rampUpTime},
 *       {@code numPartitions};
 *   <li>{@code socket}: lines of text from {@code host}:{@code port} ({@code includeTimestamp}); not replayable;
 *   <li>{@code csv}, {@code json}, {@code text}: the files appearing in a directory, each read once
 *       ({@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge}, and the batch reader's format
 *       options); csv and json need a schema unless {@code spark.sql.streaming.schemaInference} is true.
 * </ul>
 *
 * For tests, {@link MemoryStream} makes a stream the program feeds. Nothing is read before a query starts.
 */
public final class DataStreamReader {
  private static final String SCHEMA_INFERENCE = "spark.sql.streaming.schemaInference";

  private final Session session;
  private final Options options = new Options();
  private String format = "parquet";
  private StructType userSchema;

  /** The reader of {@code session}; use {@link Session#readStream()}. */
  public DataStreamReader(Session session) {
    this.session = session;
  }

  /** The source format: {@code rate}, {@code socket}, {@code csv}, {@code json} or {@code text}. */
  public DataStreamReader format(String source) {
    this.format = source;
    return this;
  }

  /** Sets option {@code key} (case-insensitive) to {@code value}, replacing an earlier value. */
  public DataStreamReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamReader option(String key, double value) {
    return option(key, Options.format(value));
  }

  /** Sets every option of {@code options}. */
  public DataStreamReader options(Map<String, String> options) {
    this.options.putAll(options);
    return this;
  }

  /** The schema of the files to read. */
  public DataStreamReader schema(StructType schema) {
    this.userSchema = schema;
    return this;
  }

  /** The schema as DDL: {@code "a INT, b STRING, ts TIMESTAMP"}. */
  public DataStreamReader schema(String schemaDdl) {
    return schema(DdlParser.parseSchema(schemaDdl));
  }

  /**
   * A stream of the persistent table {@code tableName}, as Spark's {@code readStream.table}: the files in the table's
   * directory, each read once as it appears (the rows of later batch inserts and of streams writing to the table),
   * in the table's format with its schema; this reader's options (e.g. {@code maxFilesPerTrigger}) apply over the
   * table's. A temporary view of the name that is a stream is returned as it is.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}; {@code UNSUPPORTED_FEATURE.STREAMING_TABLE} for a
   *     batch temporary view or a partitioned table
   */
  public DataFrame table(String tableName) {
    return StreamingTables.read(session, tableName, options.asMap());
  }

  /** CSV files appearing under {@code path}. */
  public DataFrame csv(String path) {
    return format("csv").load(path);
  }

  /** JSON lines files appearing under {@code path}. */
  public DataFrame json(String path) {
    return format("json").load(path);
  }

  /** Text files appearing under {@code path}, one row per line in a string column {@code value}. */
  public DataFrame text(String path) {
    return format("text").load(path);
  }

  /** Parquet files appearing under {@code path}; a schema is required, as for csv and json. */
  public DataFrame parquet(String path) {
    return format("parquet").load(path);
  }

  /**
   * A stream of the format's source, without a path (rate, socket; files take the {@code path} option).
   *
   * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} for an unknown format; the source's errors for
   *     missing or bad options
   */
  public DataFrame load() {
    return load(null);
  }

  /**
   * A stream of the files appearing under {@code path} (a directory or a glob), or of a source that takes no
   * path.
   *
   * @throws AnalysisException {@code DATA_SOURCE_NOT_FOUND} for an unknown format, {@code PATH_NOT_FOUND} for a
   *     directory that does not exist
   * @throws io.ember.core.errors.EmberIllegalArgumentException when csv or json has no schema, and for bad
   *     options
   */
  public DataFrame load(String path) {
    Source source = createSource(path == null ? options.get("path") : path);
    return session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), source));
  }

  private Source createSource(String path) {
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    switch (f) {
      case "rate":
        rejectSchema("rate");
        return RateSource.create(options.asMap());
      case "socket":
        rejectSchema("socket");
        return SocketSource.create(options.asMap());
      case "csv", "json", "text":
        return fileSource(f, path);
      default: {
        if (io.ember.connectors.spi.DataSourceProviders.fileFormat(f).isPresent()) {
          return fileSource(f, path);
        }
        var provider = io.ember.connectors.spi.DataSourceProviders.find(f);
        if (provider.isPresent()) {
          return provider.get().createStreamSource(options.asMap(), userSchema);
        }
        throw new AnalysisException("DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format
            + ". Streams read the formats rate, socket, csv, json and text"
            + io.ember.connectors.spi.DataSourceProviders.names().stream().map(n -> ", " + n)
                .collect(java.util.stream.Collectors.joining())
            + "; tests can use MemoryStream.");
      }
    }
  }

  /** The streaming file source of a file format (csv, json, text, or a provider's such as parquet). */
  private Source fileSource(String f, String path) {
    SessionConf conf = session.streams().conf();
    Options effective = new Options();
    effective.put("timeZone", conf.sessionTimeZone().getId());
    effective.put(SessionConf.PARQUET_BINARY_AS_STRING.key(),
        Boolean.toString(conf.get(SessionConf.PARQUET_BINARY_AS_STRING)));
    effective.putAll(options.asMap());
    boolean inference = Boolean.parseBoolean(conf.getRaw(SCHEMA_INFERENCE).orElse("false").trim());
    return FileStreamSource.create(f, path, effective.asMap(), userSchema, inference, SystemUtcClock.INSTANCE);
  }

  /** Spark: the rate and socket sources have fixed schemas. */
  private void rejectSchema(String name) {
    if (userSchema != null) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_2242", "The " + name + " source does not support a"
          + " user-specified schema.");
    }
  }
}
