package io.ember.api;

import io.ember.api.conf.SessionConf;
import io.ember.core.types.DdlParser;
import io.ember.api.internal.Options;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.file.FileSources;
import io.ember.connectors.source.Source;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads files into a DataFrame ({@link Session#read()}), as Spark's {@code DataFrameReader}: choose a
 * {@link #format}, set options (keys case-insensitive: {@code header}, {@code sep}, {@code inferSchema},
 * {@code mode}, ...), optionally a {@link #schema}, then {@link #load}. Paths may be files, directories or
 * globs. The files are listed (and, without a schema, sampled for one) when {@code load} is called.
 */
public final class DataFrameReader {
  private final Session session;
  private final Options options = new Options();
  private String format = "parquet";
  private StructType userSchema;

  DataFrameReader(Session session) {
    this.session = session;
  }

  /** {@code csv}, {@code json}, {@code text}, {@code parquet} (Spark's default) or another provider's format. */
  public DataFrameReader format(String source) {
    this.format = source;
    return this;
  }

  public DataFrameReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameReader option(String key, double value) {
    return option(key, Options.format(value));
  }

  public DataFrameReader options(Map<String, String> options) {
    this.options.putAll(options);
    return this;
  }

  /** The schema to read with, instead of inferring one. */
  public DataFrameReader schema(StructType schema) {
    this.userSchema = schema;
    return this;
  }

  /** The schema as DDL: {@code "a INT, b STRING, c DECIMAL(10,2)"}. */
  public DataFrameReader schema(String schemaDdl) {
    return schema(DdlParser.parseSchema(schemaDdl));
  }

  public DataFrame csv(String... paths) {
    return format("csv").load(paths);
  }

  /** JSON lines: one object per line. */
  public DataFrame json(String... paths) {
    return format("json").load(paths);
  }

  /** One row per line, in a string column {@code value}. */
  public DataFrame text(String... paths) {
    return format("text").load(paths);
  }

  /**
   * Parquet files (the connectors-parquet module): the schema from the files' footers (option {@code mergeSchema}),
   * only the columns a query uses are read.
   */
  public DataFrame parquet(String... paths) {
    return format("parquet").load(paths);
  }

  /**
   * Reads {@code paths} (or the {@code path} option when none is given).
   *
   * @throws io.ember.core.errors.AnalysisException for an unknown format or a path that does not exist
   * @throws EmberIllegalArgumentException when no path is given at all
   */
  public DataFrame load(String... paths) {
    var provider = io.ember.connectors.spi.DataSourceProviders.find(format);
    if (provider.isPresent() && provider.get().fileFormat() == null) {
      // a format from its own module (kafka): options only, no path
      return session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(),
          provider.get().createBatchSource(options.asMap(), userSchema)));
    }
    List<String> all = new ArrayList<>(List.of(paths));
    if (all.isEmpty() && options.get("path") != null) {
      all.add(options.get("path"));
    }
    if (all.isEmpty()) {
      throw new EmberIllegalArgumentException(
          "PATH_NOT_SPECIFIED", "No path to read: pass one to load(path) / " + format + "(path), or set option(\"path\", ...).");
    }
    Options effective = new Options();
    effective.put("timeZone", session.sessionConf().sessionTimeZone().getId());
    effective.put("maxPartitionBytes", Long.toString(session.sessionConf().get(SessionConf.MAX_PARTITION_BYTES)));
    effective.put(SessionConf.PARQUET_FILTER_PUSHDOWN.key(),
        Boolean.toString(session.sessionConf().get(SessionConf.PARQUET_FILTER_PUSHDOWN)));
    effective.put(SessionConf.PARQUET_BINARY_AS_STRING.key(),
        Boolean.toString(session.sessionConf().get(SessionConf.PARQUET_BINARY_AS_STRING)));
    effective.putAll(options.asMap());
    Source source;
    try {
      source = FileSources.create(format, all, effective.asMap(), userSchema);
    } catch (EmberIllegalArgumentException e) {
      throw unknownFormat(e);
    }
    return session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), source));
  }

  /** An unknown format is an analysis error, as in Spark; other bad arguments stay as they are. */
  static RuntimeException unknownFormat(EmberIllegalArgumentException e) {
    String errorClass = "DATA_SOURCE_NOT_FOUND";
    if (!errorClass.equals(e.errorClass())) {
      return e;
    }
    String message = e.getMessage().startsWith("[" + errorClass + "] ")
        ? e.getMessage().substring(errorClass.length() + 3) : e.getMessage();
    return new AnalysisException(errorClass, message, e);
  }
}
