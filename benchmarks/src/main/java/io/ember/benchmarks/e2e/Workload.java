package io.ember.benchmarks.e2e;

import io.ember.benchmarks.Args;
import java.io.IOException;
import java.util.List;

/**
 * One end-to-end workload of the harness: the same job written once per engine, its input and the check of
 * its answer. Jobs are main classes taking {@code <master> <job args...>} and printing {@link JobOutput}'s
 * lines.
 */
public interface Workload {
  /** The short name given to {@code --workload}. */
  String name();

  /** The main class of the job on {@code engine}; throws for an engine the workload has no job for. */
  String mainClass(String engine);

  /**
   * The job's own figures the report shows after the harness's (e.g. a stream's events/s measured inside the
   * job, without the engine's start-up; latency percentiles); none by default.
   */
  default List<Figure> figures() {
    return List.of();
  }

  /**
   * A figure the jobs print ({@link JobOutput#figure}).
   *
   * @param key the key on the times line
   * @param label the column title
   * @param divisor what the printed value is divided by for display (e.g. 1000 for µs shown as ms)
   * @param decimals decimals shown
   */
  record Figure(String key, String label, double divisor, int decimals) {}

  /** Generates or finds the input (options from the command line) and says how to check answers. */
  Input prepare(Args args) throws IOException;

  /**
   * A prepared run.
   *
   * @param label the workload and its input in one line, for the report
   * @param jobArgs the job's arguments after the master
   * @param rows the input rows, for rows/s
   * @param bytes the input bytes, for MB/s (0 when there is no file)
   * @param checker the answer check
   */
  record Input(String label, List<String> jobArgs, long rows, long bytes, Checker checker) {}

  /** Compares a job's result rows ({@link JobOutput#parseRows}) with the right answer. */
  @FunctionalInterface
  interface Checker {
    /** The differences, one line each; empty when the answer is right. */
    List<String> check(List<String> rows);
  }

  /** The workload named {@code name}. */
  static Workload named(String name) {
    return switch (name) {
      case "b1" -> new GroupByCategoryWorkload();
      case "b2" -> new GroupByUserWorkload();
      case "b3" -> new WordCountWorkload();
      case "b4" -> new JoinWorkload();
      case "startup" -> new StartupWorkload();
      case "s0" -> new io.ember.benchmarks.stream.PassthroughWorkload();
      case "s1" -> new io.ember.benchmarks.stream.WindowWorkload();
      case "latency" -> new io.ember.benchmarks.stream.LatencyWorkload();
      case "s1-latency" -> new io.ember.benchmarks.stream.WindowLatencyWorkload();
      default -> {
        if (name.startsWith("nexmark-")) {
          yield new io.ember.benchmarks.nexmark.NexmarkWorkload(name.substring("nexmark-".length()));
        }
        throw new IllegalArgumentException(
            "Unknown workload '" + name + "'; known: b1, b2, b3, b4, startup, s0, s1, latency, s1-latency, nexmark-q0 ... nexmark-q8");
      }
    };
  }
}
