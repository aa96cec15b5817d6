package io.ember.core.errors;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Finds the closest name to a misspelled one, for error messages. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate with the smallest case-insensitive edit distance to {@code name}, if that distance
   * is small enough to be a plausible typo (at most half the name's length, and at most 3); else null.
   */
  public static String closest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = editDistance(lower, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.min(3, Math.max(1, name.length() / 2));
    return bestDistance <= limit ? best : null;
  }

  /** Names as Spark lists them: {@code [`a`, `b`]}. */
  public static String quoted(List<String> names) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (String n : names) {
      j.add("`" + n + "`");
    }
    return j.toString();
  }

  /** Levenshtein distance. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
