package io.ember.api.sql;

/**
 * Places in an SQL text as the parser reports them: a line and a column, both from 1, packed into one
 * {@code long}. The text rewrites that run before parsing ({@link DivOperators}, {@link TypedLiterals},
 * {@link NegativeLimits}) keep every character where it was, so an offset they remember in the original text
 * names the same place as the parser's position of the node found there.
 */
final class TextPositions {
  private TextPositions() {}

  /** The key of the parser's position of offset {@code offset} in {@code sql}. */
  static long ofOffset(String sql, int offset) {
    int line = 1;
    int col = 1;
    for (int k = 0; k < offset; k++) {
      if (sql.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return key(line, col);
  }

  /** The key of line {@code line} and column {@code col}. */
  static long key(int line, int col) {
    return ((long) line << 32) | col;
  }
}
