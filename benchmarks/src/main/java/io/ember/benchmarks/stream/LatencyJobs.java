package io.ember.benchmarks.stream;

import io.ember.benchmarks.e2e.JobOutput;
import java.util.function.BooleanSupplier;

/** What the latency jobs of every engine share: waiting for the last row, printing the percentiles. */
public final class LatencyJobs {
  private LatencyJobs() {}

  /**
   * Waits until the recorder saw {@code rows} rows, the job stopped running, or {@code timeoutSeconds} passed.
   */
  public static void awaitRows(LatencyRecorder recorder, long rows, long timeoutSeconds, BooleanSupplier running)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (recorder.rows() < rows && running.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /** Prints the rows seen and {@code p50_us, p99_us, p999_us, max_us, samples}. */
  public static void print(LatencyRecorder recorder, long startupNanos, long queryNanos) {
    print(recorder, Long.toString(recorder.rows()), startupNanos, queryNanos);
  }

  /** Prints {@code row} (the job's answer to check) and {@code p50_us, p99_us, p999_us, max_us, samples}. */
  public static void print(LatencyRecorder recorder, String row, long startupNanos, long queryNanos) {
    LatencyRecorder.Latencies latencies = recorder.latencies();
    new JobOutput().row(row)
        .figure("p50_us", latencies.quantile(0.50))
        .figure("p99_us", latencies.quantile(0.99))
        .figure("p999_us", latencies.quantile(0.999))
        .figure("max_us", latencies.max())
        .figure("samples", latencies.samples())
        .print(startupNanos, queryNanos);
  }
}
