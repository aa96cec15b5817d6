package io.ember.benchmarks.nexmark;

import io.ember.api.Session;
import io.ember.api.streaming.ForeachWriter;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.StreamingQueryProgress;
import io.ember.api.streaming.Trigger;
import io.ember.benchmarks.e2e.JobOutput;
import io.ember.core.data.Row;
import java.time.Instant;

/**
 * A Nexmark query on Ember at saturation: the query of {@link NexmarkDataFrames} over {@link NexmarkSource} streams
 * read to their end ({@code Trigger.AvailableNow}), its rows digested by a {@code foreach} writer into a
 * {@link RowDigest}. Arguments: {@code <master> <query> <events> <source partitions> [<inter-event delay µs>]}
 * (default {@link NexmarkQueries#INTER_EVENT_DELAY_MICROS}). Prints the digest as its one
 * row, and {@code events_per_s} (the events of the sequence over the query's active time: from the start of the
 * first epoch to the commit of the last one with input, by its progress reports) and {@code out_rows}.
 */
public final class NexmarkJob {
  /** The digest the writers of this JVM add to (local mode: the writers run in this JVM). */
  private static volatile RowDigest digest;

  private NexmarkJob() {}

  /** Adds each row's values to {@link #digest}, flushing at the end of each partition's epoch. */
  static final class DigestWriter extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;
    private transient RowDigest.Part part;

    @Override
    public boolean open(long partitionId, long epochId) {
      part = digest.part();
      return true;
    }

    @Override
    public void process(Row value) {
      part.add(value.toArray());
    }

    @Override
    public void close(Throwable errorOrNull) {
      if (errorOrNull == null && part != null) {
        part.flush();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String q = NexmarkQueries.require(args[1]);
    long events = Long.parseLong(args[2]);
    int partitions = Integer.parseInt(args[3]);
    long delay = args.length > 4 ? Long.parseLong(args[4]) : NexmarkQueries.INTER_EVENT_DELAY_MICROS;
    digest = new RowDigest(NexmarkQueries.timeColumn(q), NexmarkQueries.cutoffMicros(events, delay));
    long start = System.nanoTime();
    long queryStart;
    long end;
    long activeMillis;
    try (Session spark = Session.builder().master(args[0]).appName("nexmark-" + q)
        .config("spark.sql.streaming.numRecentProgressUpdates", 1_000_000L).getOrCreate()) {
      queryStart = System.nanoTime();
      StreamingQuery query = new NexmarkDataFrames(spark, events, partitions, delay).query(q)
          .writeStream()
          .outputMode("append")
          .foreach(new DigestWriter())
          .trigger(Trigger.AvailableNow())
          .start();
      query.awaitTermination();
      end = System.nanoTime();
      query.exception().ifPresent(e -> {
        throw e;
      });
      activeMillis = activeMillis(query);
    }
    String result = digest.result();
    new JobOutput().row(result)
        .figure("events_per_s", activeMillis < 0 ? -1 : Math.round(events * 1000.0 / activeMillis))
        .figure("out_rows", Long.parseLong(result.split(",")[0]))
        .print(queryStart - start, end - queryStart);
  }

  /** From the start of the first epoch to the commit of the last epoch with input, ms; -1 when none had input. */
  static long activeMillis(StreamingQuery query) {
    long first = -1;
    long last = -1;
    for (StreamingQueryProgress p : query.recentProgress()) {
      long t = Instant.parse(p.timestamp()).toEpochMilli();
      if (first < 0) {
        first = t;
      }
      if (p.numInputRows() > 0) {
        last = t + p.batchDuration();
      }
    }
    return last < 0 ? -1 : Math.max(1, last - first);
  }
}
