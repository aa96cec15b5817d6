package io.ember.api.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Spark's multi-alias of a generator in the select list, {@code explode(m) AS (k, v)}, which the parser does not
 * know: {@link #rewrite} turns the parenthesized names after a call into one quoted name joining them with
 * {@link #SEPARATOR} (outside strings, quoted names and comments; not {@code WINDOW w AS (..)} nor {@code t AS (..)}), and {@link #names} splits such a name again when the select item is
 * translated.
 */
final class MultiAliases {
  /** Joins the names inside the one quoted name; a character no name written in SQL text holds. */
  static final char SEPARATOR = '\u001F';

  private MultiAliases() {}

  static String rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    while (words.next()) {
      if (!words.isWord() || !words.text().equalsIgnoreCase("as") || !afterCall(sql, words.start())) {
        continue;
      }
      int open = skipSpace(sql, words.end());
      if (open >= sql.length() || sql.charAt(open) != '(') {
        continue;
      }
      List<String> names = new ArrayList<>();
      int close = nameList(sql, open + 1, names);
      if (close < 0) {
        continue;
      }
      StringBuilder quoted = new StringBuilder("`");
      for (int i = 0; i < names.size(); i++) {
        quoted.append(i > 0 ? String.valueOf(SEPARATOR) : "").append(names.get(i).replace("`", "``"));
      }
      edits.replace(open, close + 1, quoted.append('`').toString());
      words.resumeAt(close + 1);
    }
    return edits.apply();
  }

  /** Whether the text before {@code as} ends a call ({@code explode(m) AS}), unlike {@code WINDOW w AS (..)}. */
  private static boolean afterCall(String sql, int as) {
    int i = as - 1;
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
      i--;
    }
    return i >= 0 && sql.charAt(i) == ')';
  }

  /** The names of a rewritten multi-alias, or null for an ordinary alias. */
  static List<String> names(String alias) {
    return alias.indexOf(SEPARATOR) < 0 ? null : List.of(alias.split(String.valueOf(SEPARATOR), -1));
  }

  /** Reads {@code name, name, ...)} from {@code i} into {@code names}; the index of the ')' or -1 if it is not one. */
  private static int nameList(String sql, int i, List<String> names) {
    int n = sql.length();
    while (true) {
      i = skipSpace(sql, i);
      if (i >= n) {
        return -1;
      }
      StringBuilder name = new StringBuilder();
      if (sql.charAt(i) == '`') {
        i++;
        while (i < n && (sql.charAt(i) != '`' || i + 1 < n && sql.charAt(i + 1) == '`')) {
          if (sql.charAt(i) == '`') {
            i++;
          }
          name.append(sql.charAt(i++));
        }
        if (i >= n) {
          return -1;
        }
        i++;
      } else {
        while (i < n && SqlParsing.isWordChar(sql.charAt(i))) {
          name.append(sql.charAt(i++));
        }
      }
      if (name.length() == 0) {
        return -1;
      }
      names.add(name.toString());
      i = skipSpace(sql, i);
      if (i >= n) {
        return -1;
      }
      if (sql.charAt(i) == ')') {
        return i;
      }
      if (sql.charAt(i) != ',') {
        return -1;
      }
      i++;
    }
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }
}
