package io.ember.benchmarks.stream;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event latencies seen by a sink, for the latency workload on every engine: each row arriving at the sink
 * calls {@link #record} with its source timestamp; the latency is the wall clock then minus that timestamp.
 * The first {@code warmupRows} rows to arrive (the warm-up: the engine's start, the JIT) are counted but not
 * measured. Thread-safe (sinks of several partitions record at once) and allocation-free on the hot path:
 * samples go to a preallocated array, and samples beyond its capacity are counted only.
 *
 * <p>One recorder per JVM ({@link #global}): each benchmark job runs in its own JVM, and the engines' sink
 * instances (deserialized copies in Spark, per-subtask writers in Flink) reach it through the static field.
 */
public final class LatencyRecorder {
  private static volatile LatencyRecorder global;

  private final long warmupRows;
  private final long[] samples;
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong rows = new AtomicLong();

  private LatencyRecorder(long warmupRows, int capacity) {
    this.warmupRows = warmupRows;
    this.samples = new long[capacity];
  }

  /** Installs this JVM's recorder. */
  public static LatencyRecorder install(long warmupRows, int capacity) {
    global = new LatencyRecorder(warmupRows, capacity);
    return global;
  }

  /** This JVM's recorder; throws when none was installed. */
  public static LatencyRecorder global() {
    LatencyRecorder r = global;
    if (r == null) {
      throw new IllegalStateException("No latency recorder installed in this JVM");
    }
    return r;
  }

  /** Records a row whose source timestamp is {@code sourceMicros}, arriving now. */
  public void record(long sourceMicros) {
    record(sourceMicros, nowMicros());
  }

  /** Wall-clock µs since 1970 (plain JDK: peers' sinks call it without loading any Ember class). */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** Records a row whose source timestamp is {@code sourceMicros}, arriving at {@code nowMicros}. */
  public void record(long sourceMicros, long nowMicros) {
    if (rows.incrementAndGet() > warmupRows) {
      int i = size.getAndIncrement();
      if (i < samples.length) {
        samples[i] = nowMicros - sourceMicros;
      }
    }
  }

  /** Rows recorded, warm-up included. */
  public long rows() {
    return rows.get();
  }

  /** The measured latencies, sorted. */
  public long[] sortedSamples() {
    int n = Math.min(size.get(), samples.length);
    long[] out = Arrays.copyOf(samples, n);
    Arrays.sort(out);
    return out;
  }

  /** The {@code q}-quantile (0..1) of sorted samples by the nearest-rank rule; -1 when there are none. */
  public static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }
}
