package io.ember.api.sql;

/**
 * Spark's backslash escapes in SQL string literals (sql-ref-literals: "Use \ to escape special characters"), as
 * Spark's parser reads them with {@code spark.sql.parser.escapedStringLiterals} off (the default). The parser has
 * already turned {@code \'} into {@code '}; this reads the rest.
 */
final class StringLiterals {
  private StringLiterals() {}

  /**
   * The value of a literal's text: {@code \0 \b \n \r \t \Z} are NUL, backspace, newline, carriage return, tab and
   * Ctrl-Z; {@code \\uXXXX} a UTF-16 unit; {@code \ooo} (octal, first digit 0-3) a character; {@code \%} and
   * {@code \_} stay as written (they are LIKE escapes); a backslash before any other character stands for that
   * character; a trailing lone backslash stays.
   */
  static String unescape(String text) {
    int i = text.indexOf('\\');
    if (i < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == n) {
        out.append(c);
        i++;
        continue;
      }
      char e = text.charAt(i + 1);
      if (e == 'u' && i + 6 <= n && isHex(text, i + 2, i + 6)) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 6;
      } else if (e >= '0' && e <= '3' && i + 4 <= n && isOctal(text, i + 2, i + 4)) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 4), 8));
        i += 4;
      } else {
        switch (e) {
          case '0' -> out.append('\u0000');
          case 'b' -> out.append('\b');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'Z' -> out.append('\u001A');
          case '%', '_' -> out.append('\\').append(e);
          default -> out.append(e);
        }
        i += 2;
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOctal(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
