package io.ember.benchmarks.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact answer of {@code SELECT category, count(*), sum(price), avg(price) GROUP BY category} over a
 * generated file, counted by the generator while it writes (prices in cents, so sums are exact). Engines
 * sum doubles in their own order; {@link #check} allows for that rounding and nothing else.
 *
 * @param spec what was generated
 * @param rows the data rows written
 * @param bytes the file's size in bytes, header included
 * @param groups per category, in category order
 */
public record CategoryTotals(EventsSpec spec, long rows, long bytes, Map<String, Group> groups) {
  /** Relative difference allowed between a double sum or average and the exact value. */
  public static final double RELATIVE_TOLERANCE = 1e-9;

  public CategoryTotals {
    groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
  }

  /** One category's exact totals. */
  public record Group(long count, long sumCents) {
    public double sum() {
      return sumCents / 100.0;
    }

    public double avg() {
      return sumCents / 100.0 / count;
    }
  }

  /** A row an engine returned. */
  public record EngineRow(String category, long count, double sum, double avg) {
    /** Parses {@code category,count,sum,avg} as the jobs print it. */
    public static EngineRow parse(String line) {
      String[] f = line.split(",", -1);
      if (f.length != 4) {
        throw new IllegalArgumentException("Expected category,count,sum,avg but got: " + line);
      }
      return new EngineRow(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
    }

    /** The line {@link #parse} reads. */
    public String format() {
      return category + "," + count + "," + sum + "," + avg;
    }
  }

  /**
   * Compares an engine's rows with the exact answer.
   *
   * @return the differences, one line each; empty when the answer is right
   */
  public List<String> check(List<EngineRow> actual) {
    List<String> problems = new ArrayList<>();
    Map<String, EngineRow> byCategory = new TreeMap<>();
    for (EngineRow r : actual) {
      if (byCategory.put(r.category(), r) != null) {
        problems.add("category " + r.category() + " appears more than once");
      }
    }
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      EngineRow r = byCategory.remove(e.getKey());
      Group g = e.getValue();
      if (r == null) {
        problems.add("category " + e.getKey() + " is missing");
      } else if (r.count() != g.count() || !close(r.sum(), g.sum()) || !close(r.avg(), g.avg())) {
        problems.add("category " + e.getKey() + ": expected count=" + g.count() + " sum=" + g.sum() + " avg="
            + g.avg() + " but got " + r.format());
      }
    }
    for (String extra : byCategory.keySet()) {
      problems.add("category " + extra + " is not in the data");
    }
    return problems;
  }

  private static boolean close(double actual, double expected) {
    return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(1.0, Math.abs(expected));
  }

  /** Writes the totals as text: a {@link EventsSpec#describe()} line, rows and bytes, then one line per group. */
  public void write(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(spec.describe()).append('\n');
    sb.append(rows).append(',').append(bytes).append('\n');
    groups.forEach((k, g) -> sb.append(k).append(',').append(g.count()).append(',').append(g.sumCents()).append('\n'));
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /**
   * Reads what {@link #write} wrote, for {@code spec}; null when the file is missing or was written for another
   * spec.
   */
  public static CategoryTotals read(Path file, EventsSpec spec) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 2 || !lines.get(0).equals(spec.describe())) {
      return null;
    }
    String[] size = lines.get(1).split(",");
    Map<String, Group> groups = new TreeMap<>();
    for (String line : lines.subList(2, lines.size())) {
      String[] f = line.split(",");
      groups.put(f[0], new Group(Long.parseLong(f[1]), Long.parseLong(f[2])));
    }
    return new CategoryTotals(spec, Long.parseLong(size[0]), Long.parseLong(size[1]), groups);
  }
}
