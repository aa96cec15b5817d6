package io.ember.benchmarks.stream;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.e2e.Workload;
import java.util.List;

/**
 * Latency: S0's query fed at a fixed rate, {@code --rate R} [100,000] events/s over {@code --seconds S} [20],
 * the sink a per-row writer (Ember and Spark {@code foreach}, a Flink sink writer) recording, for every row,
 * the wall clock at arrival minus the row's source timestamp (the time the source made it due) into a
 * {@link LatencyRecorder}; the first {@code --warmup-seconds W} [5] seconds' worth of rows to arrive are not measured. Prints
 * p50/p99/p99.9/max in ms. The answer checked is that every row reached the sink.
 */
public final class LatencyWorkload implements Workload {
  @Override
  public String name() {
    return "latency";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.stream.LatencyJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkLatencyJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkLatencyJob";
      default -> throw new IllegalArgumentException("Workload latency has no job for engine '" + engine + "'");
    };
  }

  @Override
  public List<Figure> figures() {
    return List.of(new Figure("p50_us", "p50 ms", 1000, 1), new Figure("p99_us", "p99 ms", 1000, 1),
        new Figure("p999_us", "p99.9 ms", 1000, 1), new Figure("max_us", "max ms", 1000, 1));
  }

  @Override
  public Input prepare(Args args) {
    long rate = args.getLong("rate", 100_000L);
    long seconds = args.getLong("seconds", 20);
    long warmup = args.getLong("warmup-seconds", 5);
    long events = rate * seconds;
    return new Input(String.format("Latency of S0's query at %,d events/s for %d s (first %d s not measured):"
        + " source timestamp to arrival at a per-row sink", rate, seconds, warmup),
        List.of(Long.toString(rate), Long.toString(seconds), Long.toString(warmup)), events, 0,
        rows -> rows.equals(List.of(Long.toString(events))) ? List.of()
            : List.of("expected the sink to see " + events + " rows but the job reported " + rows));
  }
}
