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
    StringBuilder out = null;
    int shift = 0;
    // per parenthesis depth, where the grouping list of the latest GROUP BY at that depth starts (-1: none)
    Deque<Integer> listStart = new ArrayDeque<>();
    listStart.push(-1);
    String previous = "";
    int n = sql.length();
    int i = 0;
    while (i < n) {
      int skip = SqlParsing.skipQuotedOrComment(sql, i);
      if (skip > i) {
        i = skip;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(' || c == ')') {
        if (c == '(') {
          listStart.push(-1);
        } else if (listStart.size() > 1) {
          listStart.pop();
        }
        previous = String.valueOf(c);
        i++;
        continue;
      }
      if (!SqlParsing.isWordChar(c)) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && SqlParsing.isWordChar(sql.charAt(end))) {
        end++;
      }
      String word = sql.substring(i, end);
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
          if (out == null) {
            out = new StringBuilder(sql);
          }
          String open = " " + kind.toUpperCase(java.util.Locale.ROOT) + "(";
          out.insert(listStart.peek() + shift, open);
          shift += open.length();
          int from = i + shift;
          int to = nextEnd + shift;
          String close = ")" + " ".repeat(Math.max(0, nextEnd - i - 1 - open.length()));
          out.replace(from, to, close);
          shift += close.length() - (nextEnd - i);
          listStart.pop();
          listStart.push(-1);
          previous = kind;
          i = nextEnd;
          continue;
        }
      }
      previous = word;
      i = end;
    }
    return out == null ? sql : out.toString();
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }
}
