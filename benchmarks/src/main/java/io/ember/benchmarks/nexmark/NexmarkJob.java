package io.ember.benchmarks.nexmark;

import io.ember.api.Session;
import io.ember.api.streaming.ForeachWriter;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;
import io.ember.benchmarks.e2e.JobOutput;
import io.ember.core.data.Row;

/**
 * A Nexmark query on Ember at saturation: the query of {@link NexmarkDataFrames} over {@link NexmarkSource} streams
 * read to their end ({@code Trigger.AvailableNow}), its rows digested by a {@code foreach} writer into a
 * {@link RowDigest}. Arguments: {@code <master> <query> <events> <source partitions> [<inter-event delay µs>]}
 * (default {@link NexmarkQueries#INTER_EVENT_DELAY_MICROS}). Prints the digest as its one
 * row, and {@code events_per_s} (the events of the sequence over {@link NexmarkSpan}: from the first event a reader
 * made to the last digest flush holding rows, at the end of an epoch of a writer's partition) and {@code out_rows}.
 */
public final class NexmarkJob {
  /** The digest the writers of this JVM add to (local mode: the writers run in this JVM). */
  private static volatile RowDigest digest;
  /** An updating query's rows by key, digested once the query ended (null for the other queries). */
  private static volatile LatestRows latest;

  private NexmarkJob() {}

  /**
   * Adds each row's values to {@link #digest}, flushing at the end of each partition's epoch; an epoch of a partition
   * that took rows marks the end of the measured span ({@link NexmarkSpan#rowsDigested}).
   */
  static final class DigestWriter extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;
    private transient RowDigest.Part part;
    private transient long rows;

    @Override
    public boolean open(long partitionId, long epochId) {
      part = digest.part();
      return true;
    }

    @Override
    public void process(Row value) {
      rows++;
      if (latest != null) {
        latest.put(value.toArray());
      } else {
        part.add(value.toArray());
      }
    }

    @Override
    public void close(Throwable errorOrNull) {
      if (errorOrNull == null && part != null) {
        part.flush();
        if (rows > 0) {
          NexmarkSpan.rowsDigested();
        }
      }
      rows = 0;
    }
  }

  public static void main(String[] args) throws Exception {
    String q = NexmarkQueries.require(args[1]);
    long events = Long.parseLong(args[2]);
    int partitions = Integer.parseInt(args[3]);
    long delay = args.length > 4 ? Long.parseLong(args[4]) : NexmarkQueries.INTER_EVENT_DELAY_MICROS;
    digest = new RowDigest(NexmarkQueries.timeColumn(q), NexmarkQueries.cutoffMicros(events, delay));
    latest = NexmarkQueries.updating(q) ? new LatestRows() : null;
    NexmarkSpan.reset();
    long start = System.nanoTime();
    long queryStart;
    long end;
    try (Session spark = Session.builder().master(args[0]).appName("nexmark-" + q).getOrCreate()) {
      queryStart = System.nanoTime();
      StreamingQuery query = new NexmarkDataFrames(spark, events, partitions, delay).query(q)
          .writeStream()
          .outputMode(NexmarkQueries.updating(q) ? "update" : "append")
          .foreach(new DigestWriter())
          .trigger(Trigger.AvailableNow())
          .start();
      query.awaitTermination();
      end = System.nanoTime();
      query.exception().ifPresent(e -> {
        throw e;
      });
    }
    if (latest != null) {
      latest.digestInto(digest);
    }
    String result = digest.result();
    new JobOutput().row(result)
        .figure("events_per_s", NexmarkSpan.eventsPerSecond(events))
        .figure("out_rows", Long.parseLong(result.split(",")[0]))
        .print(queryStart - start, end - queryStart);
  }
}
