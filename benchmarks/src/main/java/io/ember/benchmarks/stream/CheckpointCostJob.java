package io.ember.benchmarks.stream;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.StreamingQueryProgress;
import io.ember.api.streaming.Trigger;
import io.ember.benchmarks.Args;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What checkpoints cost a stateful stream end to end: {@link EventGeneratorSource} (read to its end,
 * {@code Trigger.AvailableNow}) grouped by a key of {@code --keys} values ({@code (auction * 100003 + price) % keys},
 * spread evenly), {@code count} and {@code sum(price)} per key, update mode, {@code noop} sink; run with
 * {@code ember.streaming.checkpointInterval} of 1 s (a checkpoint every second) and of 1 h (after the first epoch,
 * none), alternating, in one JVM, after one warm-up run of each. Prints per run the events per second over the
 * query's active time ({@link StreamJobs#eventsPerSecond}), the checkpoints taken and their average size and
 * duration from the progress reports, and the median cost of checkpointing every second.
 *
 * <p>Options: {@code --events N} (default 8,000,000), {@code --keys K} (1,000,000), {@code --runs R} (3),
 * {@code --master local[N]} ({@code local[2]}), {@code --state-store heap|offheap} (heap).
 */
public final class CheckpointCostJob {
  private CheckpointCostJob() {}

  /** One run's figures. */
  record Run(String interval, long eventsPerSecond, int checkpoints, long averageBytes, long averageMs,
      long stateBytes) {}

  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    long events = args.getLong("events", 8_000_000);
    long keys = args.getLong("keys", 1_000_000);
    int runs = args.getInt("runs", 3);
    String master = args.get("master", "local[2]");
    String stateStore = args.get("state-store", "heap");
    List<String> intervals = List.of("1s", "1h");
    for (String interval : intervals) {
      System.out.println("warm-up: " + run(master, stateStore, interval, events, keys));
    }
    List<List<Run>> measured = List.of(new ArrayList<>(), new ArrayList<>());
    for (int r = 0; r < runs; r++) {
      for (int i = 0; i < intervals.size(); i++) {
        Run run = run(master, stateStore, intervals.get(i), events, keys);
        System.out.println("run " + (r + 1) + ": " + run);
        measured.get(i).add(run);
      }
    }
    long every = median(measured.get(0));
    long none = median(measured.get(1));
    System.out.printf(Locale.ROOT, "%n| checkpointInterval | events/s (median of %d) | runs |%n|---|---|---|%n", runs);
    for (int i = 0; i < intervals.size(); i++) {
      System.out.printf(Locale.ROOT, "| %s | %,d | %s |%n", intervals.get(i), median(measured.get(i)),
          measured.get(i).stream().map(CheckpointCostJob::describe).toList());
    }
    System.out.printf(Locale.ROOT, "%ncost of a checkpoint every second: %.1f%% of the throughput%n",
        100.0 * (none - every) / none);
  }

  private static String describe(Run r) {
    return String.format(Locale.ROOT, "%,d ev/s, %d checkpoints of %.1f MB avg in %d ms avg, state %.0f MB",
        r.eventsPerSecond(), r.checkpoints(), r.averageBytes() / 1e6, r.averageMs(), r.stateBytes() / 1e6);
  }

  private static long median(List<Run> runs) {
    long[] v = runs.stream().mapToLong(Run::eventsPerSecond).sorted().toArray();
    return v[v.length / 2];
  }

  private static Run run(String master, String stateStore, String interval, long events, long keys)
      throws Exception {
    try (Session spark = Session.builder().master(master).appName("checkpoint-cost")
        .config("spark.sql.streaming.numRecentProgressUpdates", 1_000_000L)
        .config("ember.streaming.checkpointInterval", interval)
        .config("ember.streaming.stateStore", stateStore)
        .getOrCreate()) {
      StreamingQuery query = StreamJobs.events(spark, events, 2, 0)
          .select(expr("(auction * 100003 + price) % " + keys).alias("key"), col("price"))
          .groupBy(col("key"))
          .agg(count("*").alias("n"), sum("price").alias("total"))
          .writeStream()
          .outputMode("update")
          .format("noop")
          .trigger(Trigger.AvailableNow())
          .start();
      query.awaitTermination();
      StreamJobs.rethrow(query);
      int checkpoints = 0;
      long bytes = 0;
      long ms = 0;
      long state = 0;
      for (StreamingQueryProgress p : query.recentProgress()) {
        if (p.checkpoint() != null) {
          checkpoints++;
          bytes += p.checkpoint().sizeBytes();
          ms += p.checkpoint().durationMs();
        }
        for (var s : p.stateOperators()) {
          state = Math.max(state, s.memoryUsedBytes());
        }
      }
      return new Run(interval, StreamJobs.eventsPerSecond(events, query), checkpoints,
          checkpoints == 0 ? 0 : bytes / checkpoints, checkpoints == 0 ? 0 : ms / checkpoints, state);
    }
  }
}
