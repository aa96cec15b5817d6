package io.ember.benchmarks.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact answer of {@code SELECT user_id, count(*), sum(price) GROUP BY user_id} over a generated events
 * file, computed by reading the file with plain Java (an oracle independent of every engine). Users are
 * numbered from 1 to {@link EventsSpec#USERS}; prices are summed in cents.
 */
public final class UserTotals {
  private final long[] counts = new long[EventsSpec.USERS + 1];
  private final long[] cents = new long[EventsSpec.USERS + 1];
  private int groups;

  private UserTotals() {}

  /** Reads {@code file} (with its header line) and totals it per user. */
  public static UserTotals of(Path file) throws IOException {
    UserTotals t = new UserTotals();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      while ((line = in.readLine()) != null) {
        int c1 = line.indexOf(',');
        int c2 = line.indexOf(',', c1 + 1);
        int user = Integer.parseInt(line, c1 + 1, c2, 10);
        int dot = line.lastIndexOf('.');
        int comma = line.lastIndexOf(',', dot);
        long price = Long.parseLong(line, comma + 1, dot, 10) * 100 + Long.parseLong(line, dot + 1, line.length(), 10);
        if (t.counts[user]++ == 0) {
          t.groups++;
        }
        t.cents[user] += price;
      }
    }
    return t;
  }

  /** The number of distinct users. */
  public int groups() {
    return groups;
  }

  /**
   * Compares an engine's {@code user_id,count,sum} lines (a header line, if any, is skipped) with the exact
   * answer, allowing {@link CategoryTotals#RELATIVE_TOLERANCE} on sums.
   *
   * @return the differences (at most ten, then a count); empty when the answer is right
   */
  public List<String> check(List<String> lines) {
    List<String> problems = new ArrayList<>();
    boolean[] seen = new boolean[counts.length];
    int wrong = 0;
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith("user_id")) {
        continue;
      }
      String[] f = line.split(",");
      int user = Integer.parseInt(f[0]);
      long count = Long.parseLong(f[1]);
      double sum = Double.parseDouble(f[2]);
      double expected = cents[user] / 100.0;
      boolean ok = user > 0 && user < counts.length && !seen[user] && counts[user] == count
          && Math.abs(sum - expected) <= CategoryTotals.RELATIVE_TOLERANCE * Math.max(1.0, expected);
      if (user > 0 && user < counts.length) {
        seen[user] = true;
      }
      if (!ok && wrong++ < 10) {
        problems.add("user " + user + ": expected count=" + counts[Math.max(0, Math.min(user, counts.length - 1))]
            + " sum=" + expected + " but got " + line);
      }
    }
    int missing = 0;
    for (int u = 1; u < counts.length; u++) {
      if (counts[u] > 0 && !seen[u]) {
        missing++;
      }
    }
    if (wrong > 10) {
      problems.add((wrong - 10) + " more wrong rows");
    }
    if (missing > 0) {
      problems.add(missing + " users missing from the output");
    }
    return problems;
  }
}
