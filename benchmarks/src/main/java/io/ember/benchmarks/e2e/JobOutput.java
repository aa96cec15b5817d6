package io.ember.benchmarks.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark job prints on stdout, the same for every engine, so the runner can check answers and read
 * times without knowing the engine: one {@value #ROW} line per result row (comma-separated, in the order the
 * job sorted them), then one {@value #TIMES} line with the session start-up and query milliseconds. Anything
 * else on stdout is ignored.
 */
public final class JobOutput {
  /** Prefix of a result row line. */
  public static final String ROW = "ROW ";
  /** Prefix of the times line: {@code TIMES startup_ms=<n> query_ms=<n>}. */
  public static final String TIMES = "TIMES ";

  private final List<String> rows = new ArrayList<>();

  /** Adds a result row, already formatted. */
  public JobOutput row(String line) {
    rows.add(line);
    return this;
  }

  /** Prints the rows and the times to stdout. */
  public void print(long startupNanos, long queryNanos) {
    PrintStream out = System.out;
    for (String r : rows) {
      out.println(ROW + r);
    }
    out.println(TIMES + "startup_ms=" + startupNanos / 1_000_000 + " query_ms=" + queryNanos / 1_000_000);
    out.flush();
  }

  /** The row lines in {@code stdout}, without their prefix. */
  public static List<String> parseRows(List<String> stdout) {
    List<String> out = new ArrayList<>();
    for (String line : stdout) {
      if (line.startsWith(ROW)) {
        out.add(line.substring(ROW.length()));
      }
    }
    return out;
  }

  /** The {@code key} (e.g. {@code query_ms}) of the times line, or -1 when there is none. */
  public static long parseTime(List<String> stdout, String key) {
    for (String line : stdout) {
      if (line.startsWith(TIMES)) {
        for (String kv : line.substring(TIMES.length()).split(" ")) {
          if (kv.startsWith(key + "=")) {
            return Long.parseLong(kv.substring(key.length() + 1));
          }
        }
      }
    }
    return -1;
  }
}
