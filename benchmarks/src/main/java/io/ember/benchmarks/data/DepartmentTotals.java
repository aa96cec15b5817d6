package io.ember.benchmarks.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact answer of {@code SELECT department, count(*), sum(price) FROM events JOIN items USING (item_id)
 * GROUP BY department}, computed with plain Java from the events file and {@link ItemsGenerator#departments}
 * (an oracle independent of every engine); prices summed in cents.
 */
public final class DepartmentTotals {
  private final long[] counts = new long[ItemsGenerator.DEPARTMENTS];
  private final long[] cents = new long[ItemsGenerator.DEPARTMENTS];

  private DepartmentTotals() {}

  /** Reads the events {@code file} and totals it per department of the items table written for {@code itemsSeed}. */
  public static DepartmentTotals of(Path events, long itemsSeed) throws IOException {
    int[] dept = ItemsGenerator.departments(itemsSeed);
    DepartmentTotals t = new DepartmentTotals();
    try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      while ((line = in.readLine()) != null) {
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        int c3 = line.indexOf(',', c2 + 1);
        int item = Integer.parseInt(line, c2 + 1, c3, 10);
        int dot = line.lastIndexOf('.');
        int comma = line.lastIndexOf(',', dot);
        long price = Long.parseLong(line, comma + 1, dot, 10) * 100 + Long.parseLong(line, dot + 1, line.length(), 10);
        t.counts[dept[item]]++;
        t.cents[dept[item]] += price;
      }
    }
    return t;
  }

  /**
   * Compares an engine's {@code department,count,sum} rows with the exact answer.
   *
   * @return the differences, one line each; empty when the answer is right
   */
  public List<String> check(List<String> rows) {
    List<String> problems = new ArrayList<>();
    Map<String, String> byDept = new HashMap<>();
    for (String r : rows) {
      if (byDept.put(r.substring(0, r.indexOf(',')), r) != null) {
        problems.add("department in more than one row: " + r);
      }
    }
    for (int d = 0; d < counts.length; d++) {
      if (counts[d] == 0) {
        continue;
      }
      String row = byDept.remove(ItemsGenerator.department(d));
      double expected = cents[d] / 100.0;
      if (row == null) {
        problems.add("department " + ItemsGenerator.department(d) + " is missing");
        continue;
      }
      String[] f = row.split(",");
      double sum = Double.parseDouble(f[2]);
      if (Long.parseLong(f[1]) != counts[d]
          || Math.abs(sum - expected) > CategoryTotals.RELATIVE_TOLERANCE * Math.max(1.0, expected)) {
        problems.add("department " + ItemsGenerator.department(d) + ": expected count=" + counts[d] + " sum="
            + expected + " but got " + row);
      }
    }
    byDept.keySet().forEach(k -> problems.add("department " + k + " is not in the data"));
    return problems;
  }
}
