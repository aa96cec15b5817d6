package io.ember.benchmarks.stream;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.e2e.Workload;
import java.util.List;

/**
 * S1's emission latency ({@link WindowLatencyJob}, Ember only): S1's windowed aggregation fed at {@code --rate R}
 * [100,000] events/s; for every emitted row, its arrival at a {@code foreach} sink minus the creation time of the
 * first event that lets its window close (window end plus the 2 s watermark delay). Runs until {@code --windows
 * N} [5] measured windows reached the sink (1,000 rows each): not the first (partial) window, nor the windows
 * starting in the {@code --warmup-seconds W} [10] after it. Prints
 * p50/p99/p99.9/max in ms. The answer checked: N measured windows, every auction's count exact.
 */
public final class WindowLatencyWorkload implements Workload {
  @Override
  public String name() {
    return "s1-latency";
  }

  @Override
  public String mainClass(String engine) {
    if (!engine.equals("ember")) {
      throw new IllegalArgumentException("Workload s1-latency has a job for ember only, not '" + engine + "'");
    }
    return "io.ember.benchmarks.stream.WindowLatencyJob";
  }

  @Override
  public List<Figure> figures() {
    return new LatencyWorkload().figures();
  }

  @Override
  public Input prepare(Args args) {
    long rate = args.getLong("rate", 100_000L);
    long windows = args.getLong("windows", 5);
    long warmup = args.getLong("warmup-seconds", 10);
    String expected = windows + ",0";
    return new Input(String.format("Emission latency of S1's query at %,d events/s, %d windows of 10 s measured"
        + " (not the first, partial window, nor those starting in the %d s after it): creation of the event that closes a window"
        + " (window end + 2 s watermark delay) to the row's arrival at a per-row sink", rate, windows, warmup),
        List.of(Long.toString(rate), Long.toString(windows), Long.toString(warmup)),
        rate * (warmup + (windows + 2) * 10), 0,
        rows -> rows.equals(List.of(expected)) ? List.of()
            : List.of("expected '" + expected + "' (measured windows, rows with a wrong count) but the job printed "
                + rows));
  }
}
