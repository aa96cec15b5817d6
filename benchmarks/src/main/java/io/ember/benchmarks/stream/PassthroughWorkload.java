package io.ember.benchmarks.stream;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.e2e.Workload;
import java.util.List;

/**
 * S0: a passthrough stream, generator of {@code --events N} [20,000,000] {@link StreamEvents} → a trivial
 * projection ({@code ts, auction, price * 0.908}) → a discarding sink, on each engine's own sequence source
 * (Ember {@link EventGeneratorSource}, Flink {@code fromSequence}, Spark {@code rate-micro-batch}), two
 * partitions. The job measures its own sustained throughput: events / (query start to the last event through
 * the sink). The answer checked is the number of rows the sink saw.
 */
public final class PassthroughWorkload implements Workload {
  static final List<Figure> FIGURES = List.of(new Figure("events_per_s", "events/s (job)", 1, 0));

  @Override
  public String name() {
    return "s0";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.stream.PassthroughJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkPassthroughJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkPassthroughJob";
      default -> throw new IllegalArgumentException("Workload s0 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public List<Figure> figures() {
    return FIGURES;
  }

  @Override
  public Input prepare(Args args) {
    long events = args.getLong("events", 20_000_000L);
    return new Input(String.format("S0 passthrough (generator, projection, discarding sink): %,d events", events),
        List.of(Long.toString(events)), events, 0, rows -> rows.equals(List.of(Long.toString(events))) ? List.of()
            : List.of("expected the sink to see " + events + " rows but the job reported " + rows));
  }
}
