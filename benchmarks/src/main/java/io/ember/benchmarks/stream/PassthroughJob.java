package io.ember.benchmarks.stream;

import static io.ember.api.functions.col;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;
import io.ember.benchmarks.e2e.JobOutput;

/**
 * S0 on Ember: {@link EventGeneratorSource} (one partition per core) → {@code ts, auction, price * 0.908} →
 * {@code format("noop")}, with {@code Trigger.AvailableNow} so that the query ends after the last event.
 * Arguments: {@code <master> <events>}. Prints the rows the source emitted (the sum over the epochs' progress)
 * and {@code events_per_s}: events over the query's active time ({@link StreamJobs#activeMillis}).
 */
public final class PassthroughJob {
  private PassthroughJob() {}

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    long queryStart;
    long end;
    long rows;
    long eventsPerSecond;
    try (Session spark = StreamJobs.session(args[0], "s0-passthrough")) {
      queryStart = System.nanoTime();
      StreamingQuery query = StreamJobs.events(spark, events, Masters.cores(args[0]), 0)
          .select(col("ts"), col("auction"), col("price").multiply(0.908).alias("price_eur"))
          .writeStream()
          .format("noop")
          .trigger(Trigger.AvailableNow())
          .start();
      query.awaitTermination();
      end = System.nanoTime();
      StreamJobs.rethrow(query);
      eventsPerSecond = StreamJobs.eventsPerSecond(events, query);
      rows = StreamJobs.inputRows(query);
    }
    new JobOutput().row(Long.toString(rows))
        .figure("events_per_s", eventsPerSecond)
        .print(queryStart - start, end - queryStart);
  }
}
