package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.window;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.Masters;
import io.ember.benchmarks.stream.StreamEvents;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * S1 on Spark 4 Structured Streaming: the events from {@code rate-micro-batch} ({@link SparkStreams#events}),
 * {@code withWatermark("ts", "2 seconds")}, {@code groupBy(window(ts, "10 seconds"), auction)} with
 * {@code count(*), max(price)}, append mode into a memory table; shuffle partitions = cores. Once the input rows
 * reach the events it waits two more micro-batches (the watermark of the last data batch closes windows in the
 * next), stops and prints the table's rows ({@link StreamEvents#windowRow}, sorted), {@code events_per_s}
 * (first micro-batch start to the end of the one reaching the events) and {@code windows}.
 * Arguments: {@code <master> <events> [<source partitions>]}; prints also {@code late_rows}.
 */
public final class SparkWindowJob {
  private SparkWindowJob() {}

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    SparkSession spark = SparkStreams.session(args[0], "s1-window");
    long queryStart = System.nanoTime();
    SparkStreams.Progress progress = new SparkStreams.Progress(events, 2);
    long end;
    List<String> rows;
    try {
      spark.streams().addListener(progress);
      int sourcePartitions = args.length > 2 ? Integer.parseInt(args[2]) : Masters.cores(args[0]);
      StreamingQuery query = SparkStreams.events(spark, events, sourcePartitions)
          .withWatermark("ts", "2 seconds")
          .groupBy(window(col("ts"), "10 seconds"), col("auction"))
          .agg(count("*").alias("bids"), max("price").alias("max_price"))
          .writeStream()
          .outputMode("append")
          .format("memory")
          .queryName("s1")
          .start();
      progress.done.await(30, TimeUnit.MINUTES);
      end = System.nanoTime();
      query.stop();
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
      rows = spark.table("s1").collectAsList().stream()
          .map(r -> new long[] {micros(r.getStruct(0).getTimestamp(0)), r.getLong(1), r.getLong(2), r.getLong(3)})
          .sorted(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]))
          .map(r -> StreamEvents.windowRow(r[0], r[1], r[2], r[3]))
          .toList();
    } finally {
      spark.stop();
    }
    JobOutput out = new JobOutput();
    rows.forEach(out::row);
    out.figure("events_per_s", progress.eventsPerSecond(events))
        .figure("windows", StreamEvents.windowCount(rows))
        .figure("late_rows", progress.lateRows())
        .print(queryStart - start, end - queryStart);
  }

  static long micros(Timestamp t) {
    return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
  }
}
