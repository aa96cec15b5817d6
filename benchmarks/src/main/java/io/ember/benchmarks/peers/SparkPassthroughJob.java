package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;

import io.ember.benchmarks.e2e.JobOutput;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * S0 on Spark 4 Structured Streaming: the events from {@code rate-micro-batch} ({@link SparkStreams#events}) →
 * {@code ts, auction, price * 0.908} → {@code format("noop")}, default trigger (micro-batches back to back).
 * Stops once the micro-batches' input rows reach the events. Arguments: {@code <master> <events>}. Prints those
 * input rows and {@code events_per_s} (first micro-batch start to the end of the one reaching the events).
 */
public final class SparkPassthroughJob {
  private SparkPassthroughJob() {}

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    SparkSession spark = SparkStreams.session(args[0], "s0-passthrough");
    long queryStart = System.nanoTime();
    SparkStreams.Progress progress = new SparkStreams.Progress(events, 0);
    long end;
    try {
      spark.streams().addListener(progress);
      StreamingQuery query = SparkStreams.events(spark, args[0], events)
          .select(col("ts"), col("auction"), col("price").multiply(0.908).alias("price_eur"))
          .writeStream()
          .format("noop")
          .start();
      progress.done.await(30, TimeUnit.MINUTES);
      end = System.nanoTime();
      query.stop();
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    } finally {
      spark.stop();
    }
    new JobOutput().row(Long.toString(progress.rowsAtTarget()))
        .figure("events_per_s", progress.eventsPerSecond(events))
        .print(queryStart - start, end - queryStart);
  }
}
