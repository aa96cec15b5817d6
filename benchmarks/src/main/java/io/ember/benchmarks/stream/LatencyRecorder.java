package io.ember.benchmarks.stream;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Event latencies seen by a sink, for the latency workloads on every engine: each row arriving at the sink
 * calls {@link #record} with its source timestamp; the latency is the wall clock then minus that timestamp, in µs.
 * The first {@code warmupRows} rows to arrive (the warm-up: the engine's start, the JIT) are counted but not
 * measured, and so are the rows after the first {@code maxSamples} measured ones.
 *
 * <p>Fixed memory, whatever the number of rows: samples go to HdrHistograms (values 0 to one hour, three
 * significant digits, so every quantile is within 0.1% of the exact sample, and exact below 2,048 µs), one per
 * recording thread so the hot path takes no lock and shares no cache line but the row counter. A latency below
 * zero (a clock step) counts as 0, one above an hour as an hour. {@link #latencies} merges the threads'
 * histograms; call it after the writers stopped (a row recorded during the merge may be missed).
 *
 * <p>One recorder per JVM ({@link #global}): each benchmark job runs in its own JVM, and the engines' sink
 * instances (deserialized copies in Spark, per-subtask writers in Flink, foreach writers in Ember) reach it
 * through the static field.
 */
public final class LatencyRecorder {
  /** The largest latency kept apart from the rest: one hour in µs. */
  static final long HIGHEST_MICROS = 3_600_000_000L;
  private static final int SIGNIFICANT_DIGITS = 3;
  private static volatile LatencyRecorder global;

  private final long warmupRows;
  private final long lastMeasuredRow;
  private final AtomicLong rows = new AtomicLong();
  private final List<Histogram> perThread = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Histogram> histogram = ThreadLocal.withInitial(this::newThreadHistogram);

  private LatencyRecorder(long warmupRows, long maxSamples) {
    if (warmupRows < 0 || maxSamples < 0) {
      throw new IllegalArgumentException("warmupRows and maxSamples must be >= 0, got " + warmupRows + " and "
          + maxSamples);
    }
    this.warmupRows = warmupRows;
    this.lastMeasuredRow = maxSamples > Long.MAX_VALUE - warmupRows ? Long.MAX_VALUE : warmupRows + maxSamples;
  }

  /** Installs this JVM's recorder: the first {@code warmupRows} rows are not measured, then {@code maxSamples} are. */
  public static LatencyRecorder install(long warmupRows, long maxSamples) {
    global = new LatencyRecorder(warmupRows, maxSamples);
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

  /** Wall-clock µs since 1970 (plain JDK: peers' sinks call it without loading any Ember class). */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  /** Records a row whose source timestamp is {@code sourceMicros}, arriving now. */
  public void record(long sourceMicros) {
    record(sourceMicros, nowMicros());
  }

  /** Records a row whose source timestamp is {@code sourceMicros}, arriving at {@code nowMicros}. */
  public void record(long sourceMicros, long nowMicros) {
    long row = rows.incrementAndGet();
    if (row > warmupRows && row <= lastMeasuredRow) {
      long latency = Math.min(HIGHEST_MICROS, Math.max(0, nowMicros - sourceMicros));
      histogram.get().recordValue(latency);
    }
  }

  /** Rows recorded, warm-up and rows beyond {@code maxSamples} included. */
  public long rows() {
    return rows.get();
  }

  /** The measured latencies so far, all threads' merged. */
  public Latencies latencies() {
    Histogram merged = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    for (Histogram h : perThread) {
      merged.add(h);
    }
    return new Latencies(merged);
  }

  private Histogram newThreadHistogram() {
    Histogram h = new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    perThread.add(h);
    return h;
  }

  /** A merged copy of the measured latencies (µs). */
  public static final class Latencies {
    private final Histogram histogram;

    Latencies(Histogram histogram) {
      this.histogram = histogram;
    }

    /** Measured samples. */
    public long samples() {
      return histogram.getTotalCount();
    }

    /**
     * The {@code q}-quantile (0..1) by the nearest-rank rule (the smallest sample with at least {@code q} of the
     * samples at or below it), to the histogram's precision; -1 when there are none.
     */
    public long quantile(double q) {
      return samples() == 0 ? -1 : histogram.getValueAtPercentile(q * 100.0);
    }

    /** The largest sample, to the histogram's precision; -1 when there are none. */
    public long max() {
      return samples() == 0 ? -1 : histogram.getMaxValue();
    }
  }
}
