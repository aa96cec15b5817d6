package io.ember.benchmarks.stream;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.StreamingQueryProgress;
import java.time.Instant;

/** What Ember's stream jobs share: the session, the generator stream, reading their progress. */
final class StreamJobs {
  private StreamJobs() {}

  /**
   * A session with room for every epoch's progress (the jobs add up the rows of all epochs). System properties
   * named {@code ember.streaming.*} (e.g. {@code -Dember.streaming.epochInterval=20} through the runner's
   * {@code --ember-flags}) become session settings, to measure a job under other streaming settings.
   */
  static Session session(String master, String appName) {
    Session.Builder builder = Session.builder().master(master).appName(appName)
        .config("spark.sql.streaming.numRecentProgressUpdates", 1_000_000L);
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ember.streaming.")) {
        builder.config(key, System.getProperty(key));
      }
    }
    return builder.getOrCreate();
  }

  /** The generator's stream ({@link EventGeneratorSource}) as a streaming DataFrame. */
  static DataFrame events(Session spark, long events, int partitions, long rowsPerSecond) {
    return spark.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(),
        new EventGeneratorSource(events, partitions, rowsPerSecond)));
  }

  /** The rows the query's sources emitted over all epochs of its run. */
  static long inputRows(StreamingQuery query) {
    long rows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      rows += p.numInputRows();
    }
    return rows;
  }

  /**
   * The query's active time in ms by its own progress reports: from the start of the first epoch's input to the
   * commit of the last epoch that had input rows (the sustained part of a run, without the engine's start-up
   * and the query's end); -1 when no epoch had rows.
   */
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

  /** Events per second over {@link #activeMillis}, -1 when unknown. */
  static long eventsPerSecond(long events, StreamingQuery query) {
    long ms = activeMillis(query);
    return ms < 0 ? -1 : Math.round(events * 1000.0 / ms);
  }

  /** The rows stateful operators dropped as later than the watermark, over all epochs. */
  static long rowsDroppedByWatermark(StreamingQuery query) {
    long rows = 0;
    for (StreamingQueryProgress p : query.recentProgress()) {
      for (var s : p.stateOperators()) {
        rows += s.numRowsDroppedByWatermark();
      }
    }
    return rows;
  }

  /** Fails with the query's exception if it failed. */
  static void rethrow(StreamingQuery query) {
    query.exception().ifPresent(e -> {
      throw e;
    });
  }

  /** µs since 1970 of an instant. */
  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
