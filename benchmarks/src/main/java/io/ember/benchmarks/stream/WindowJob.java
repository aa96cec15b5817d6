package io.ember.benchmarks.stream;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.window;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;
import io.ember.benchmarks.e2e.JobOutput;
import io.ember.core.data.Row;
import java.util.Comparator;
import java.util.List;

/**
 * S1 on Ember: {@link EventGeneratorSource} (one partition per core), {@code withWatermark("ts", "2 seconds")},
 * {@code groupBy(window(ts, "10 seconds"), auction).agg(count, max(price))} in append mode into a memory table,
 * {@code Trigger.AvailableNow}. Arguments: {@code <master> <events> [<source partitions>]}; prints also {@code late_rows}, the rows the
 * aggregation dropped as later than the watermark. Prints the emitted rows
 * ({@link StreamEvents#windowRow}, sorted), {@code events_per_s} (events over the query's active time, {@link StreamJobs#activeMillis}) and
 * {@code windows} (windows emitted).
 */
public final class WindowJob {
  private WindowJob() {}

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    long queryStart;
    long end;
    List<String> rows;
    long eventsPerSecond;
    long lateRows;
    try (Session spark = StreamJobs.session(args[0], "s1-window")) {
      queryStart = System.nanoTime();
      int sourcePartitions = args.length > 2 ? Integer.parseInt(args[2]) : Masters.cores(args[0]);
      StreamingQuery query = StreamJobs.events(spark, events, sourcePartitions, 0)
          .withWatermark("ts", "2 seconds")
          .groupBy(window(col("ts"), "10 seconds"), col("auction"))
          .agg(count("*").alias("bids"), max("price").alias("max_price"))
          .writeStream()
          .outputMode("append")
          .format("memory")
          .queryName("s1")
          .trigger(Trigger.AvailableNow())
          .start();
      query.awaitTermination();
      end = System.nanoTime();
      StreamJobs.rethrow(query);
      eventsPerSecond = StreamJobs.eventsPerSecond(events, query);
      lateRows = StreamJobs.rowsDroppedByWatermark(query);
      rows = spark.table("s1").collectAsList().stream()
          .sorted(Comparator.comparing((Row r) -> r.getStruct(0).getInstant(0)).thenComparingLong(r -> r.getLong(1)))
          .map(r -> StreamEvents.windowRow(StreamJobs.micros(r.getStruct(0).getInstant(0)), r.getLong(1), r.getLong(2),
              r.getLong(3)))
          .toList();
    }
    JobOutput out = new JobOutput();
    rows.forEach(out::row);
    out.figure("events_per_s", eventsPerSecond)
        .figure("windows", StreamEvents.windowCount(rows))
        .figure("late_rows", lateRows)
        .print(queryStart - start, end - queryStart);
  }
}
