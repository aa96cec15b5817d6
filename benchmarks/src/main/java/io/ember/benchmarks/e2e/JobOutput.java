package io.ember.benchmarks.e2e;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark job prints on stdout, the same for every engine, so the runner can check answers and read
 * times without knowing the engine: one {@value #ROW} line per result row (comma-separated, in the order the
 * job sorted them), then one {@value #TIMES} line with the session start-up and query milliseconds and the
 * job's own {@link #figure figures} (e.g. a stream's events/s or latency percentiles). Anything else on stdout
 * is ignored.
 */
public final class JobOutput {
  /** Prefix of a result row line. */
  public static final String ROW = "ROW ";
  /** Prefix of the times line: {@code TIMES startup_ms=<n> query_ms=<n>}. */
  public static final String TIMES = "TIMES ";

  private final List<String> rows = new ArrayList<>();
  private final Map<String, Long> figures = new LinkedHashMap<>();

  /** Adds a result row, already formatted. */
  public JobOutput row(String line) {
    rows.add(line);
    return this;
  }

  /** Adds a figure of the job's own, printed on the times line as {@code key=value}. */
  public JobOutput figure(String key, long value) {
    figures.put(key, value);
    return this;
  }

  /** Prints the rows and the times to stdout. */
  public void print(long startupNanos, long queryNanos) {
    PrintStream out = System.out;
    for (String r : rows) {
      out.println(ROW + r);
    }
    StringBuilder times = new StringBuilder(TIMES).append("startup_ms=").append(startupNanos / 1_000_000)
        .append(" query_ms=").append(queryNanos / 1_000_000);
    figures.forEach((k, v) -> times.append(' ').append(k).append('=').append(v));
    out.println(times);
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
