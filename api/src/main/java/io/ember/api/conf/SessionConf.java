package io.ember.api.conf;

import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillDirectory;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateBackends;
import io.ember.runtime.ReplicaStoreKind;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's options: the typed options Ember understands (declared once below) plus any other string
 * the user sets (kept and returned, as Spark keeps unknown keys). Thread-safe.
 */
public final class SessionConf {
  public static final ConfigOption<Boolean> ANSI_ENABLED = ConfigOption.bool(
      "spark.sql.ansi.enabled", true,
      "When true (the default, as in Spark 4), overflow, invalid casts and division by zero raise errors;"
          + " when false they return null.");
  public static final ConfigOption<ZoneId> SESSION_TIME_ZONE = new ConfigOption<>(
      "spark.sql.session.timeZone", ZoneId.of("UTC"), ZoneId::of,
      "The time zone timestamps are shown and parsed in, e.g. UTC or America/Los_Angeles.");
  public static final ConfigOption<Integer> SHUFFLE_PARTITIONS = ConfigOption.positiveInt(
      "spark.sql.shuffle.partitions", 0,
      "Tasks after a shuffle (aggregations, joins). Unset: the session's parallelism (N of local[N]).");
  public static final ConfigOption<Boolean> CASE_SENSITIVE = ConfigOption.bool(
      "spark.sql.caseSensitive", false, "Whether column names are matched case-sensitively.");
  public static final ConfigOption<Integer> BATCH_SIZE = ConfigOption.positiveInt(
      "ember.batchSize", 8192, "The maximum number of rows in one columnar batch.");
  public static final ConfigOption<Long> TASK_MEMORY_BUDGET = ConfigOption.bytes(
      MemoryBudget.CONFIG_KEY, MemoryBudget.DEFAULT_BYTES,
      "The memory each task's sorts, aggregations, joins and distincts may hold, e.g. 512m or 2g.");
  public static final ConfigOption<String> LOCAL_DIR = new ConfigOption<>(
      SpillDirectory.CONFIG_KEY, "", s -> s,
      "Where sorts write the rows that do not fit their task's memory budget: a directory or a comma-separated list"
          + " of directories (one per disk). Unset: '" + SpillDirectory.SPARK_CONFIG_KEY + "', else"
          + " <java.io.tmpdir>/ember-<pid>. Files are deleted when their task ends or fails and when the JVM exits.");
  public static final ConfigOption<String> SPARK_LOCAL_DIR = new ConfigOption<>(
      SpillDirectory.SPARK_CONFIG_KEY, "", s -> s,
      "Spark's name for '" + SpillDirectory.CONFIG_KEY + "', used when that is not set.");
  public static final ConfigOption<Long> AUTO_BROADCAST_JOIN_THRESHOLD = new ConfigOption<>(
      "spark.sql.autoBroadcastJoinThreshold", 10L << 20, s -> s.equals("-1") ? -1L : ConfigOption.parseBytes(s),
      "Joins whose build side is known to be smaller than this are broadcast; -1 disables broadcasting.");
  public static final ConfigOption<Boolean> EXCHANGE_REUSE = ConfigOption.bool(
      "spark.sql.exchange.reuse", true,
      "Whether a sub-plan that a query repeats (the same DataFrame read twice, as in a self-join of an aggregation)"
          + " runs once and feeds every place that reads it, in batch (when it aggregates) and in streaming queries;"
          + " false runs each occurrence on its own.");
  public static final ConfigOption<Long> MAX_PARTITION_BYTES = ConfigOption.bytes(
      "spark.sql.files.maxPartitionBytes", 32L << 20, "The largest byte range of a file one reader task reads as a unit.");
  public static final ConfigOption<Boolean> PARQUET_FILTER_PUSHDOWN = ConfigOption.bool(
      "spark.sql.parquet.filterPushdown", true,
      "Whether a filter on Parquet columns skips the row groups whose statistics and dictionaries show no row can"
          + " match; the filter still applies to every row read, so results are the same either way.");
  public static final ConfigOption<Boolean> PARQUET_BINARY_AS_STRING = ConfigOption.bool(
      "spark.sql.parquet.binaryAsString", false,
      "Whether Parquet BINARY columns without a STRING (UTF8) logical type read as strings instead of binary, in the"
          + " schema a read infers and in its values (batch and streaming), for files whose writer stores strings"
          + " without that type (Impala, old Spark); read when the DataFrame is created.");

  public static final ConfigOption<Long> CACHE_MAX_BYTES = ConfigOption.bytes(
      "ember.cache.maxBytes", Runtime.getRuntime().maxMemory() / 4,
      "The heap all cached (persisted) DataFrames of a session may hold, e.g. 512m; default a quarter of the maximum"
          + " heap. A result that does not fit is not kept (a warning is logged) and is recomputed by each action.");

  public static final ConfigOption<Long> STREAMING_EPOCH_INTERVAL = ConfigOption.millis(
      "ember.streaming.epochInterval", 100L,
      "The shortest time between two epochs of a streaming query with the default trigger, e.g. 100ms or 1s (a"
          + " plain number is milliseconds); rows flow through stateless stages without waiting for it.");
  public static final ConfigOption<Integer> STREAMING_MAX_TASK_FAILURES = new ConfigOption<>(
      "ember.streaming.maxTaskFailures", 4, s -> {
        int v;
        try {
          v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("expected a number of failures, 0 or more");
        }
        if (v < 0) {
          throw new IllegalArgumentException("expected a number of failures, 0 or more");
        }
        return v;
      },
      "How many task failures a streaming query recovers from (with or without a checkpointLocation: the failed task"
          + " is started anew and every other task rolls back to the last complete epoch in memory, so replayable"
          + " sources give exactly-once output). A failure is an operator, reader or writer error in a task, or a"
          + " task that stops; failures before the recovery they cause began count as one. The failure after that"
          + " many recoveries stops the query with its error; 0 stops it at its first task failure.");
  public static final ConfigOption<Long> STREAMING_CHECKPOINT_INTERVAL = ConfigOption.millis(
      "ember.streaming.checkpointInterval", 0L,
      "The shortest time between two checkpointed epochs of a streaming query without a checkpointLocation, e.g."
          + " 1s; 0 (the default) checkpoints every epoch in memory. Epochs in between take no snapshots and their"
          + " output is committed with the next checkpointed epoch, so it waits up to this long; a recovery replays"
          + " from the last checkpointed epoch. A query with a checkpointLocation checkpoints every epoch.");
  public static final ConfigOption<Boolean> STREAMING_CUT_ON_WATERMARK = ConfigOption.bool(
      "ember.streaming.cutOnWatermark", true,
      "With the default trigger, cut an epoch as soon as the watermark passes the end of a window an append mode"
          + " aggregation holds, instead of at the next epochInterval, so the window is emitted at once (an early cut"
          + " is never followed by another: at most two epochs per interval). false: epochs only every epochInterval.");
  public static final ConfigOption<Integer> STREAMING_NUM_RECENT_PROGRESS_UPDATES = ConfigOption.positiveInt(
      "spark.sql.streaming.numRecentProgressUpdates", 100,
      "The number of progress updates a streaming query keeps for recentProgress.");

  public static final ConfigOption<StateBackend> STREAMING_STATE_STORE = new ConfigOption<>(
      "ember.streaming.stateStore", HeapStateBackend.INSTANCE, StateBackends::named,
      "Where stateful streaming operators keep keyed state: heap (the default, fastest) or offheap (Chronicle"
          + " Map outside the Java heap, for state larger than the heap should carry).");

  public static final ConfigOption<ReplicaStoreKind> CHECKPOINT_REPLICA_STORE = new ConfigOption<>(
      ReplicaStoreKind.CONFIG_KEY, ReplicaStoreKind.AUTO, ReplicaStoreKind::named,
      "Where the in-memory copies of streaming checkpoints are kept, one store per session shared by its queries:"
          + " auto (the default: on the heap up to a sixteenth of it, the rest in native memory), heap (all on the"
          + " heap) or offheap (Chronicle Map outside the Java heap; its first use costs about 2 s and needs the JVM"
          + " flags Ember's launcher sets).");

  public static final ConfigOption<Boolean> STATEFUL_OPERATOR_CHECK_CORRECTNESS = ConfigOption.bool(
      "spark.sql.streaming.statefulOperator.checkCorrectness.enabled", true,
      "Whether a streaming query whose stateful operator reads the output of an aggregation that is not in append"
          + " mode (whose rows can be late downstream) is rejected when it starts.");

  public static final ConfigOption<String> MAP_KEY_DEDUP_POLICY = new ConfigOption<>(
      "spark.sql.mapKeyDedupPolicy", "EXCEPTION", SessionConf::mapKeyDedupPolicy,
      "What map building functions (map, map_from_arrays, ...) do with a repeated key: EXCEPTION (the default)"
          + " fails with DUPLICATED_MAP_KEY, LAST_WIN keeps the value inserted last.");

  public static final ConfigOption<String> PARTITION_OVERWRITE_MODE = ConfigOption.oneOf(
      "spark.sql.sources.partitionOverwriteMode", "STATIC",
      "How INSERT OVERWRITE (and insertInto with mode overwrite) replaces the partitions of a partitioned table:"
          + " STATIC (the default) replaces every partition the statement's static partition values select (all of"
          + " them without a PARTITION clause), DYNAMIC only the partitions the new rows fall into. The write option"
          + " partitionOverwriteMode overrides it for one write.",
      "STATIC", "DYNAMIC");

  /** Every typed option, for validation and docs. */
  public static final List<ConfigOption<?>> ALL = List.of(
      ANSI_ENABLED, SESSION_TIME_ZONE, SHUFFLE_PARTITIONS, CASE_SENSITIVE, BATCH_SIZE, TASK_MEMORY_BUDGET, LOCAL_DIR,
      SPARK_LOCAL_DIR,
      AUTO_BROADCAST_JOIN_THRESHOLD, EXCHANGE_REUSE, MAX_PARTITION_BYTES, PARQUET_FILTER_PUSHDOWN, PARQUET_BINARY_AS_STRING, STREAMING_EPOCH_INTERVAL, STREAMING_MAX_TASK_FAILURES,
      STREAMING_CHECKPOINT_INTERVAL, STREAMING_CUT_ON_WATERMARK, STREAMING_NUM_RECENT_PROGRESS_UPDATES,
      STREAMING_STATE_STORE, CHECKPOINT_REPLICA_STORE, STATEFUL_OPERATOR_CHECK_CORRECTNESS, CACHE_MAX_BYTES,
      MAP_KEY_DEDUP_POLICY, PARTITION_OVERWRITE_MODE);

  private final Map<String, String> values = new ConcurrentHashMap<>();

  /**
   * Sets {@code key}; a typed option's value is validated now.
   *
   * @throws io.ember.core.errors.EmberIllegalArgumentException for a bad value of a typed option
   */
  public void set(String key, String value) {
    option(key).ifPresent(o -> o.parse(value));
    values.put(key, value);
  }

  public void unset(String key) {
    values.remove(key);
  }

  /** The value of a typed option: what was set, or its default. */
  public <T> T get(ConfigOption<T> option) {
    String raw = values.get(option.key());
    return raw == null ? option.defaultValue() : option.parse(raw);
  }

  /** The raw string set for {@code key}, if any. */
  public Optional<String> getRaw(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean isSet(String key) {
    return values.containsKey(key);
  }

  public Map<String, String> getAll() {
    return Map.copyOf(values);
  }

  private static String mapKeyDedupPolicy(String s) {
    String v = s.toUpperCase(java.util.Locale.ROOT);
    if (!v.equals("EXCEPTION") && !v.equals("LAST_WIN")) {
      throw new IllegalArgumentException("expected EXCEPTION or LAST_WIN");
    }
    return v;
  }

  /** Whether {@code spark.sql.mapKeyDedupPolicy} is LAST_WIN. */
  public boolean mapKeyLastWin() {
    return get(MAP_KEY_DEDUP_POLICY).equals("LAST_WIN");
  }

  public boolean ansiEnabled() {
    return get(ANSI_ENABLED);
  }

  public ZoneId sessionTimeZone() {
    return get(SESSION_TIME_ZONE);
  }

  /** {@link #SHUFFLE_PARTITIONS} when set, else {@code defaultParallelism}. */
  public int shufflePartitions(int defaultParallelism) {
    return isSet(SHUFFLE_PARTITIONS.key()) ? get(SHUFFLE_PARTITIONS) : defaultParallelism;
  }

  public boolean caseSensitive() {
    return get(CASE_SENSITIVE);
  }

  public int batchSize() {
    return get(BATCH_SIZE);
  }

  public long taskMemoryBudget() {
    return get(TASK_MEMORY_BUDGET);
  }

  /** The spill directories: {@link #LOCAL_DIR} when set, else {@link #SPARK_LOCAL_DIR}; blank means the default. */
  public String localDir() {
    return isSet(LOCAL_DIR.key()) ? get(LOCAL_DIR) : get(SPARK_LOCAL_DIR);
  }

  public StateBackend stateBackend() {
    return get(STREAMING_STATE_STORE);
  }

  public ReplicaStoreKind replicaStore() {
    return get(CHECKPOINT_REPLICA_STORE);
  }

  private static Optional<ConfigOption<?>> option(String key) {
    for (ConfigOption<?> o : ALL) {
      if (o.key().equals(key)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
