package io.ember.api.sql;

/**
 * Quotes the names of calls to {@code first(..)} and {@code last(..)} as {@code `first`(..)}: the parser reads the
 * bare words as its own FIRST/LAST keywords, with a grammar of calls that takes neither {@code FILTER (WHERE ..)}
 * nor {@code IGNORE NULLS}, while a quoted name is a plain function call that takes both, as in Spark. Words inside
 * strings, quoted names and comments are left alone; positions after a quoted name shift by the two backticks.
 */
final class FirstLastCalls {
  private FirstLastCalls() {}

  /** {@code sql} with each bare {@code first}/{@code last} that is followed by an opening parenthesis quoted. */
  static String quote(String sql) {
    StringBuilder out = null;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      int skip = SqlParsing.skipQuotedOrComment(sql, i);
      if (skip > i) {
        if (out != null) {
          out.append(sql, i, skip);
        }
        i = skip;
        continue;
      }
      char c = sql.charAt(i);
      if (Character.isLetter(c) && (i == 0 || !SqlParsing.isWordChar(sql.charAt(i - 1)) && sql.charAt(i - 1) != '.')) {
        int end = i;
        while (end < n && SqlParsing.isWordChar(sql.charAt(end))) {
          end++;
        }
        String word = sql.substring(i, end);
        boolean call = (word.equalsIgnoreCase("first") || word.equalsIgnoreCase("last")) && opensCall(sql, end);
        if (call && out == null) {
          out = new StringBuilder(n + 8).append(sql, 0, i);
        }
        if (out != null) {
          out.append(call ? "`" + word + "`" : word);
        }
        i = end;
      } else {
        if (out != null) {
          out.append(c);
        }
        i++;
      }
    }
    return out == null ? sql : out.toString();
  }

  private static boolean opensCall(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '(';
  }
}
