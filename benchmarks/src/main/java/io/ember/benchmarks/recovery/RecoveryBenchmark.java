package io.ember.benchmarks.recovery;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.streaming.RecoveryProgress;
import io.ember.api.streaming.StateOperatorProgress;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.StreamingQueryProgress;
import io.ember.benchmarks.Args;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery time after a task failure with large keyed state, in local mode: a streaming aggregation
 * ({@code groupBy(key).agg(count, sum)}, update mode, {@code noop} sink) is loaded with {@code --keys} distinct keys,
 * then, {@code --failures} times, its source task is made to fail and a small batch is added. Each failure's
 * recovery time is what the query's progress reports ({@code recoveries[].durationMs}: from the failure reaching the
 * coordinator until every task restored its snapshot of the last complete epoch); the time from the failure until
 * the next epoch committed is printed too, and the recovery's phases ({@code recoveries[].phasesMs}). Prints the keyed state's size (the progress's
 * {@code stateOperators[].memoryUsedBytes}), the epoch's checkpoint size and the replica store's memory.
 *
 * <p>Options: {@code --keys N} (default 1,500,000), {@code --failures N} (5), {@code --master local[N]}
 * ({@code local[2]}), {@code --replica-store heap|offheap} (heap).
 */
public final class RecoveryBenchmark {
  private static final StructType EVENTS = DataTypes.struct(DataTypes.field("key", DataTypes.LONG),
      DataTypes.field("v", DataTypes.LONG));
  private static final int LOAD_BATCH = 250_000;

  private RecoveryBenchmark() {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    long keys = args.getLong("keys", 1_500_000);
    int failures = args.getInt("failures", 5);
    String master = args.get("master", "local[2]");
    String replicaStore = args.get("replica-store", "heap");
    try (Session spark = Session.builder().master(master).appName("recovery-benchmark")
        .config("ember.streaming.epochInterval", "100ms")
        .config("ember.streaming.maxTaskFailures", String.valueOf(failures + 1))
        .config("ember.checkpoint.replicaStore", replicaStore).getOrCreate()) {
      MemoryStreamSource memory = new MemoryStreamSource(EVENTS);
      FailOnceSource source = new FailOnceSource(memory);
      StreamingQuery query = spark.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), source))
          .groupBy(col("key")).agg(count(col("v")).alias("n"), sum(col("v")).alias("total"))
          .writeStream().outputMode("update").format("noop").start();
      long loadStart = System.nanoTime();
      for (long from = 0; from < keys; from += LOAD_BATCH) {
        memory.addData(rows(from, Math.min(keys, from + LOAD_BATCH)));
        query.processAllAvailable();
      }
      long loadMs = (System.nanoTime() - loadStart) / 1_000_000;
      StreamingQueryProgress loaded = query.lastProgress();
      long stateBytes = loaded.stateOperators().stream().mapToLong(StateOperatorProgress::memoryUsedBytes).sum();
      System.out.printf("keys=%d state_bytes=%d checkpoint_bytes=%d replica_memory_bytes=%d load_ms=%d%n", keys,
          stateBytes, loaded.checkpoint().sizeBytes(), loaded.checkpoint().replicaMemoryBytes(), loadMs);

      long[] recoveryMs = new long[failures];
      long[] toCommitMs = new long[failures];
      for (int f = 0; f < failures; f++) {
        int seen = recoveriesSoFar(query);
        long start = System.nanoTime();
        source.arm();
        memory.addData(rows(f * 1000L, f * 1000L + 1000));
        query.processAllAvailable();
        toCommitMs[f] = (System.nanoTime() - start) / 1_000_000;
        List<RecoveryProgress> all = recoveries(query);
        if (all.size() != seen + 1) {
          throw new IllegalStateException("Expected one recovery more than " + seen + ", the progress has "
              + all.size());
        }
        RecoveryProgress r = all.get(all.size() - 1);
        recoveryMs[f] = r.durationMs();
        System.out.printf("failure=%d recovery_ms=%d failure_to_commit_ms=%d from_epoch=%d restarted=%s phases_ms=%s%n",
            f + 1, r.durationMs(), toCommitMs[f], r.fromEpoch(), r.failedTasks(), r.phasesMs());
      }
      query.stop();
      System.out.printf("recovery_ms min=%d median=%d max=%d; failure_to_commit_ms median=%d%n",
          min(recoveryMs), median(recoveryMs), max(recoveryMs), median(toCommitMs));
    }
  }

  /** Rows {@code (k, k)} for keys {@code from} (inclusive) to {@code to} (exclusive). */
  private static Batch rows(long from, long to) {
    List<Row> rows = new ArrayList<>((int) (to - from));
    for (long k = from; k < to; k++) {
      rows.add(Row.of(k, k));
    }
    return Batch.fromRows(EVENTS, rows);
  }

  private static int recoveriesSoFar(StreamingQuery query) {
    return recoveries(query).size();
  }

  private static List<RecoveryProgress> recoveries(StreamingQuery query) {
    List<RecoveryProgress> out = new ArrayList<>();
    for (StreamingQueryProgress p : query.recentProgress()) {
      out.addAll(p.recoveries());
    }
    return out;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long min(long[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static long max(long[] values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
