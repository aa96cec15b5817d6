package io.ember.api.sql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Spark's (and MySQL's) {@code GROUP BY a, b WITH ROLLUP} and {@code WITH CUBE}, which the parser does not know:
 * {@link #rewrite} turns them into {@code GROUP BY ROLLUP(a, b)} and {@code CUBE(a, b)} before parsing (outside
 * strings, quoted names and comments; at the parenthesis depth of their GROUP BY). The text after the clause keeps
 * its positions (the {@code WITH ROLLUP} words become the closing parenthesis and spaces); inside the grouping list
 * a position on the GROUP BY's line moves right by the inserted {@code ROLLUP(}.
 */
final class WithRollup {
  /** Words after which a grouping list is over, so a later {@code WITH} is not its {@code WITH ROLLUP}. */
  private static final java.util.Set<String> ENDS_GROUP_BY = java.util.Set.of("having", "order", "limit", "offset",
      "window", "union", "intersect", "except", "minus", "select", "from", "where", "qualify");

  private WithRollup() {}

  static String rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    // per parenthesis depth, where the grouping list of the latest GROUP BY at that depth starts (-1: none)
    Deque<Integer> listStart = new ArrayDeque<>();
    listStart.push(-1);
    String previous = "";
    int n = sql.length();
    while (words.next()) {
      char c = words.first();
      if (c == '(' || c == ')') {
        if (c == '(') {
          listStart.push(-1);
        } else if (listStart.size() > 1) {
          listStart.pop();
        }
        previous = String.valueOf(c);
        continue;
      }
      if (!words.isWord()) {
        continue;
      }
      int i = words.start();
      int end = words.end();
      String word = words.text();
      if (word.equalsIgnoreCase("by") && previous.equalsIgnoreCase("group")) {
        listStart.pop();
        listStart.push(end);
      } else if (ENDS_GROUP_BY.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        listStart.pop();
        listStart.push(-1);
      } else if (word.equalsIgnoreCase("with") && listStart.peek() >= 0) {
        int next = skipSpace(sql, end);
        int nextEnd = next;
        while (nextEnd < n && SqlParsing.isWordChar(sql.charAt(nextEnd))) {
          nextEnd++;
        }
        String kind = sql.substring(next, nextEnd);
        if (kind.equalsIgnoreCase("rollup") || kind.equalsIgnoreCase("cube")) {
          // "WITH ROLLUP" is at least two characters longer than " ROLLUP(", so the text after it keeps its place
          String open = " " + kind.toUpperCase(java.util.Locale.ROOT) + "(";
          edits.insert(listStart.peek(), open);
          edits.replace(i, nextEnd, ")" + " ".repeat(Math.max(0, nextEnd - i - 1 - open.length())));
          listStart.pop();
          listStart.push(-1);
          previous = kind;
          words.resumeAt(nextEnd);
          continue;
        }
      }
      previous = word;
    }
    return edits.apply();
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }
}
