package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import java.util.List;

/**
 * Start-up: process start to the first result of {@code range(10).count()}. The runner's wall time is the
 * figure; the job's own times split it into session start and query.
 */
public final class StartupWorkload implements Workload {
  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.e2e.StartupJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkStartupJob";
      default -> throw new IllegalArgumentException("Workload startup has no job for engine '" + engine + "'");
    };
  }

  @Override
  public Input prepare(Args args) {
    return new Input("Start-up: process start to the result of range(10).count()", List.of(), 10, 0,
        rows -> rows.equals(List.of("10")) ? List.of() : List.of("expected the single row 10 but got " + rows));
  }
}
