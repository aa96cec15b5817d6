package io.ember.api.sql;

import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A negative count after {@code LIMIT} or {@code OFFSET} ({@code LIMIT -1}), which the parser rejects as a syntax
 * error where Spark parses it and the analysis refuses it with {@code INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE}.
 * {@link #rewrite} blanks such a minus sign (outside strings, quoted names and comments) so that every position in
 * the text stays where it was, and remembers the number by the position of its last digit; the translator asks
 * {@link #isNegated} and reports the negative value.
 */
final class NegativeLimits {
  private final Set<Long> positions;

  private NegativeLimits(Set<Long> positions) {
    this.positions = positions;
  }

  /** No negative counts (text that was not rewritten). */
  static final NegativeLimits NONE = new NegativeLimits(Set.of());

  /** SQL text with the minus signs of its negative LIMIT/OFFSET counts blanked, and where those counts are. */
  record Rewritten(String sql, NegativeLimits limits) {}

  static Rewritten rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    Set<Long> found = new HashSet<>();
    int n = sql.length();
    while (words.next()) {
      if (!words.is("limit") && !words.is("offset")) {
        continue;
      }
      int minus = skipSpace(sql, words.end());
      if (minus >= n || sql.charAt(minus) != '-') {
        continue;
      }
      int digits = skipSpace(sql, minus + 1);
      int last = digits;
      while (last < n && Character.isDigit(sql.charAt(last))) {
        last++;
      }
      if (last == digits || (last < n && (SqlParsing.isWordChar(sql.charAt(last)) || sql.charAt(last) == '.'))) {
        continue;
      }
      edits.blank(minus, minus + 1);
      found.add(TextPositions.ofOffset(sql, last - 1));
      words.resumeAt(last);
    }
    return edits.changed() ? new Rewritten(edits.apply(), new NegativeLimits(found)) : new Rewritten(sql, NONE);
  }

  /** Whether the count {@code n} was written with a minus sign. */
  boolean isNegated(SqlNode n) {
    if (positions.isEmpty()) {
      return false;
    }
    SqlParserPos pos = n.getParserPosition();
    return positions.contains(TextPositions.key(pos.getEndLineNum(), pos.getEndColumnNum()));
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }
}
