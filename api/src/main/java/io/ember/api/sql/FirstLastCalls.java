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
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    while (words.next()) {
      int i = words.start();
      if (words.isLetterWord() && (i == 0 || sql.charAt(i - 1) != '.') && (words.is("first") || words.is("last"))
          && opensCall(sql, words.end())) {
        edits.replace(i, words.end(), "`" + words.text() + "`");
      }
    }
    return edits.apply();
  }

  private static boolean opensCall(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '(';
  }
}
