package io.ember.benchmarks.e2e;

import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a benchmark job prints on stdout, the same for every engine, so the runner can check answers and read
 * times without knowing the engine: {@value #ROW} lines with {@code category,count,sum,avg}, then one
 * {@value #TIMES} line with the session start-up and query milliseconds. Anything else on stdout is ignored.
 */
public final class JobOutput {
  /** Prefix of a result row line. */
  public static final String ROW = "ROW ";
  /** Prefix of the times line: {@code TIMES startup_ms=<n> query_ms=<n>}. */
  public static final String TIMES = "TIMES ";

  private final List<EngineRow> rows = new ArrayList<>();

  /** Adds a result row. */
  public void row(String category, long count, double sum, double avg) {
    rows.add(new EngineRow(category, count, sum, avg));
  }

  /** Prints the rows, sorted by category, and the times, to stdout. */
  public void print(long startupNanos, long queryNanos) {
    PrintStream out = System.out;
    rows.sort(Comparator.comparing(EngineRow::category));
    for (EngineRow r : rows) {
      out.println(ROW + r.format());
    }
    out.println(TIMES + "startup_ms=" + startupNanos / 1_000_000 + " query_ms=" + queryNanos / 1_000_000);
    out.flush();
  }

  /** The rows in {@code stdout}. */
  public static List<EngineRow> parseRows(List<String> stdout) {
    List<EngineRow> out = new ArrayList<>();
    for (String line : stdout) {
      if (line.startsWith(ROW)) {
        out.add(EngineRow.parse(line.substring(ROW.length())));
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
