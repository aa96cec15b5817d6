package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.internal.Options;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.planner.streaming.StreamingPhysicalPlan;
import io.ember.api.streaming.sinks.ConsoleSink;
import io.ember.api.streaming.sinks.ForeachBatchSink;
import io.ember.api.streaming.sinks.ForeachWriterSink;
import io.ember.connectors.file.FileSinks;
import io.ember.connectors.memory.MemoryTableSink;
import io.ember.connectors.sink.Sink;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts a streaming query over a streaming DataFrame ({@link DataFrame#writeStream()}), as Spark's
 * {@code DataStreamWriter}: choose the sink ({@link #format}, {@link #foreach}, {@link #foreachBatch}), the
 * {@link #outputMode}, the {@link #trigger} and a {@link #queryName}, then {@link #start()}. Sinks:
 *
 * <ul>
 *   <li>{@code console}: prints each epoch as {@code Batch: N} and a table (options {@code numRows},
 *       {@code truncate});
 *   <li>{@code memory}: keeps the result in a table named by {@code queryName}, read with
 *       {@code session.table(queryName)};
 *   <li>{@code csv}, {@code json}, {@code text}: files under {@code path} with a commit log (append mode only;
 *       {@link #partitionBy});
 *   <li>{@code foreach} / {@code foreachBatch}: the program's code per row or per epoch;
 *   <li>{@code noop}: drops the rows (for measurements).
 * </ul>
 *
 * The option {@code checkpointLocation} (or, as in Spark, the session's {@code spark.sql.streaming.checkpointLocation}
 * with the query's name appended) names a directory where the query checkpoints every epoch (source offsets,
 * operator state, the watermark; Spark's layout: {@code metadata}, {@code offsets/}, {@code commits/},
 * {@code state/}) before the sink commits it. Starting a query on a location that holds a complete epoch resumes
 * it from there with the same query id, as Spark does, even after the process was killed: with a replayable source
 * and a file sink no row is lost or written twice. The location also keeps Spark's commit log ({@code sinks/}): an
 * epoch checkpointed but not committed by a sink that cannot commit it again from the checkpoint (memory, console,
 * {@code foreach}, {@code foreachBatch}) is replayed at the next start with the same epoch id and offset range. A location written by a query of another shape is refused at
 * start ({@code INCOMPATIBLE_CHECKPOINT_LOCATION}).
 */
public final class DataStreamWriter {
  private static final String FOREACH = "foreach";
  private static final String FOREACH_BATCH = "foreachbatch";

  private final DataFrame df;
  private final Options options = new Options();
  /** The sink set by {@link #format}, or null for the session's {@code spark.sql.sources.default}. */
  private String format;
  private OutputMode outputMode = OutputMode.APPEND;
  private Trigger trigger;
  private String queryName;
  private List<String> partitionBy = List.of();
  private ForeachWriter<Row> foreachWriter;
  private ForeachBatchFunction foreachBatch;

  /** The writer of {@code df}; use {@link DataFrame#writeStream()}, which checks that {@code df} is a stream. */
  public DataStreamWriter(DataFrame df) {
    this.df = df;
  }

  /** The sink: {@code console}, {@code memory}, {@code csv}, {@code json}, {@code text}, {@code noop}. */
  public DataStreamWriter format(String source) {
    this.format = source;
    return this;
  }

  /**
   * {@code append} (the default), {@code update} or {@code complete}, case-insensitive.
   *
   * @throws EmberIllegalArgumentException {@code STREAMING_OUTPUT_MODE.INVALID} for another string
   */
  public DataStreamWriter outputMode(String outputMode) {
    this.outputMode = OutputMode.fromString(outputMode);
    return this;
  }

  /** The output mode: {@link OutputMode#Append()} (the default), {@code Update()} or {@code Complete()}. */
  public DataStreamWriter outputMode(OutputMode outputMode) {
    this.outputMode = java.util.Objects.requireNonNull(outputMode, "outputMode");
    return this;
  }

  /**
   * When epochs are cut. Without a trigger, the next epoch is cut once the previous one committed and at least
   * {@code ember.streaming.epochInterval} after it.
   */
  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = java.util.Objects.requireNonNull(trigger, "trigger");
    return this;
  }

  /** The query's name: unique among the session's active queries; the table name of the memory sink. */
  public DataStreamWriter queryName(String queryName) {
    this.queryName = queryName;
    return this;
  }

  /**
   * Sets option {@code key} (case-insensitive) to {@code value}, replacing an earlier value. Besides the sink's
   * options, {@code checkpointLocation} names the directory the query checkpoints to and resumes from (see the
   * class documentation).
   */
  public DataStreamWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  /** Sets option {@code key} to {@code value} as a string. */
  public DataStreamWriter option(String key, double value) {
    return option(key, Options.format(value));
  }

  /** Sets every option of {@code options}. */
  public DataStreamWriter options(Map<String, String> options) {
    this.options.putAll(options);
    return this;
  }

  /** File sinks: one directory per value of these columns ({@code col=value/}). */
  public DataStreamWriter partitionBy(String... colNames) {
    this.partitionBy = List.of(colNames);
    return this;
  }

  /** Writes each row with {@code writer} (see {@link ForeachWriter} for the calls it gets). */
  public DataStreamWriter foreach(ForeachWriter<Row> writer) {
    this.foreachWriter = java.util.Objects.requireNonNull(writer, "foreach writer cannot be null");
    this.format = FOREACH;
    return this;
  }

  /**
   * Calls {@code function} with each epoch's output as a batch DataFrame and the epoch id. With a
   * {@code checkpointLocation}, an epoch that was checkpointed but that the function did not finish before the
   * process died (or the function threw) is handed over again when the query is started again on the location: the
   * same epoch id with the same rows for sources that replay an epoch exactly (see {@link ForeachBatchFunction}), so
   * a function that skips epoch ids it already wrote is exactly-once.
   */
  public DataStreamWriter foreachBatch(ForeachBatchFunction function) {
    this.foreachBatch = java.util.Objects.requireNonNull(function, "foreachBatch function cannot be null");
    this.format = "foreachBatch";
    return this;
  }

  /**
   * Starts the query writing into the persistent table {@code tableName}, as Spark's {@code toTable}: through the
   * streaming file sink into the table's directory (append mode; with a {@code checkpointLocation}, exactly-once
   * across restarts as for {@link #start(String)}), columns matched to the table's by name. A table that does not
   * exist is created first from the stream's schema, in the {@link #format} set (else
   * {@code spark.sql.sources.default}), partitioned by {@link #partitionBy}. Batch reads of the table then read the
   * files the stream committed (its {@code _spark_metadata} log, as Spark does).
   *
   * @throws AnalysisException for a temporary view, a format or partitioning other than the existing table's, a
   *     stream whose columns do not match the table's; as {@link #start()}
   */
  public StreamingQuery toTable(String tableName) {
    Map<String, String> tableOptions = new java.util.LinkedHashMap<>(options.asMap());
    tableOptions.keySet().removeIf(k -> k.equalsIgnoreCase("checkpointLocation"));
    io.ember.api.catalog.CatalogTable table = StreamingTables.sinkTable(df, tableName, format, tableOptions,
        partitionBy);
    DataStreamWriter writer = new DataStreamWriter(StreamingTables.conform(df, table));
    writer.options.putAll(table.options());
    writer.options.putAll(options.asMap());
    writer.format = table.format();
    writer.outputMode = outputMode;
    writer.trigger = trigger;
    writer.queryName = queryName;
    writer.partitionBy = table.partitionColumns();
    return writer.start(table.location());
  }

  /** The streaming file sink of a file format (csv, json, text, or a provider's such as parquet). */
  private Sink fileSink(String f, StreamingQueryManager manager) {
    Options effective = new Options();
    effective.put("timeZone", manager.conf().sessionTimeZone().getId());
    effective.putAll(options.asMap());
    return FileSinks.createStream(f, options.get("path"), outputMode.toString(), effective.asMap(), partitionBy);
  }

  /** Starts the query writing to files under {@code path}. */
  public StreamingQuery start(String path) {
    options.put("path", path);
    return start();
  }

  /**
   * Checks the query against the sink, output mode and trigger, plans it and starts it; returns once it runs
   * (listeners have heard {@code onQueryStarted}).
   *
   * @throws AnalysisException when the query is not allowed as a stream in this output mode (Spark's reasons),
   *     when the sink does not support the output mode, for a memory sink without {@code queryName}, an unknown
   *     format, or a Once/AvailableNow trigger over a source that cannot end
   * @throws EmberIllegalArgumentException {@code DUPLICATE_STREAMING_QUERY_NAME} when an active query has the
   *     name; for a file sink without a path
   */
  public StreamingQuery start() {
    Session session = df.session();
    StreamingQueryManager manager = session.streams();
    StructType schema = df.schema();
    String f = (format != null ? format : manager.conf().getRaw("spark.sql.sources.default").orElse("parquet"))
        .trim().toLowerCase(Locale.ROOT);
    if (trigger instanceof Trigger.ContinuousTrigger) {
      ContinuousProcessing.checkSink(f);
    }
    MemoryTableSink memory = null;
    Sink sink;
    switch (f) {
      case "memory" -> {
        assertNotPartitioned("memory");
        memory = MemoryTableSink.create(queryName, schema, outputMode.toString());
        sink = memory;
      }
      case "console" -> {
        assertNotPartitioned("console");
        sink = new ConsoleSink(schema, options.asMap(), manager.conf().sessionTimeZone());
      }
      case FOREACH -> {
        assertNotPartitioned(FOREACH);
        if (foreachWriter == null) {
          throw new EmberIllegalArgumentException("FOREACH_WRITER_NOT_SET", "foreach writer has not been set: use"
              + " writeStream().foreach(writer).");
        }
        sink = new ForeachWriterSink(foreachWriter);
      }
      case FOREACH_BATCH -> {
        assertNotPartitioned("foreachBatch");
        if (foreachBatch == null) {
          throw new EmberIllegalArgumentException("FOREACH_BATCH_FUNCTION_NOT_SET", "foreachBatch function has not"
              + " been set: use writeStream().foreachBatch(function).");
        }
        sink = new ForeachBatchSink(session, schema, foreachBatch);
      }
      case "noop" -> sink = new DiscardSink();
      case "csv", "json", "text" -> sink = fileSink(f, manager);
      default -> {
        if (io.ember.connectors.spi.DataSourceProviders.fileFormat(f).isPresent()) {
          sink = fileSink(f, manager);
          break;
        }
        var provider = io.ember.connectors.spi.DataSourceProviders.find(f).orElseThrow(() -> new AnalysisException(
            "DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format + ". Streaming queries write to"
            + " console, memory, csv, json, text, noop, foreach and foreachBatch"
            + io.ember.connectors.spi.DataSourceProviders.names().stream().map(n -> ", " + n)
                .collect(java.util.stream.Collectors.joining()) + "."));
        assertNotPartitioned(f);
        sink = provider.createStreamSink(options.asMap(), outputMode.toString(), schema);
      }
    }
    long planningStart = System.nanoTime();
    manager.runner();
    StreamingPhysicalPlan planned = df.queryExecution().streamingPlan(outputMode, sink);
    if (trigger instanceof Trigger.ContinuousTrigger) {
      ContinuousProcessing.checkQuery(df.queryExecution().analyzed());
    }
    long planningMillis = (System.nanoTime() - planningStart) / 1_000_000L;
    StreamExecution query = new StreamExecution(manager, df, planned, sink, trigger, queryName, planningMillis,
        checkpointLocation(manager));
    query.start();
    if (memory != null) {
      // After start: a query refused (e.g. for its name) must not replace the table of the query it clashed with.
      session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), new MemoryTableSource(memory)))
          .createOrReplaceTempView(queryName);
    }
    return query;
  }

  /**
   * The option {@code checkpointLocation}; else, when the session sets {@code spark.sql.streaming.checkpointLocation}
   * and the query has a name, that directory's subdirectory of the name (Spark's rule); else null.
   */
  private String checkpointLocation(StreamingQueryManager manager) {
    String option = options.get("checkpointLocation");
    if (option != null) {
      return option;
    }
    return manager.conf().getRaw("spark.sql.streaming.checkpointLocation")
        .filter(root -> queryName != null)
        .map(root -> java.nio.file.Path.of(root, queryName).toString())
        .orElse(null);
  }

  private void assertNotPartitioned(String sinkName) {
    if (!partitionBy.isEmpty()) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1197", "'" + sinkName + "' does not support partitioning.");
    }
  }
}
