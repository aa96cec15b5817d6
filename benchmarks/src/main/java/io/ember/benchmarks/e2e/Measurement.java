package io.ember.benchmarks.e2e;

import java.util.Map;

/**
 * One timed run of a job in its own JVM.
 *
 * @param engine the engine's name
 * @param round the round (0-based); rounds below the warm-up count are not measured
 * @param wallNanos process start to exit, measured by the runner
 * @param startupMillis the job's own figure: JVM main to session ready
 * @param queryMillis the job's own figure: session ready to result collected (session stop included)
 * @param peakRssKb the process's peak resident set size, or -1 when not measurable here
 * @param cpuSeconds the process's user plus system CPU seconds, or -1 when not measurable here
 * @param figures the job's own figures by key ({@link JobOutput#figure}), e.g. events/s or latency percentiles
 */
public record Measurement(String engine, int round, long wallNanos, long startupMillis, long queryMillis,
    long peakRssKb, double cpuSeconds, Map<String, Long> figures) {
  /** A run without figures of its own. */
  public Measurement(String engine, int round, long wallNanos, long startupMillis, long queryMillis, long peakRssKb,
      double cpuSeconds) {
    this(engine, round, wallNanos, startupMillis, queryMillis, peakRssKb, cpuSeconds, Map.of());
  }

  /** The figure {@code key}, or -1 when the job did not print it. */
  public long figure(String key) {
    return figures.getOrDefault(key, -1L);
  }

  public double wallSeconds() {
    return wallNanos / 1e9;
  }
}
