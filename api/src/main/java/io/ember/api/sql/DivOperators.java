package io.ember.api.sql;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Spark's integral division operator {@code a DIV b}, which the parser does not know. {@link #rewrite} replaces
 * each {@code DIV} that stands between two operands by {@code /}, padded to the same width so that every
 * position in the text stays where it was, and remembers where it put them; the parser then reads {@code DIV}
 * with the precedence of {@code /} (Spark's: that of {@code *}, {@code /} and {@code %}), and
 * {@link #isDiv(SqlCall)} tells such a division from a written {@code /}. A {@code div} that does not stand
 * between operands stays a name ({@code div(7, 2)}, a column or alias {@code div}).
 */
final class DivOperators {
  /** Words after which a {@code div} cannot be an operator: the preceding token does not end an operand. */
  private static final Set<String> BEFORE = Set.of("select", "where", "and", "or", "not", "on", "by", "when", "then",
      "else", "case", "having", "in", "is", "like", "rlike", "between", "distinct", "all", "as", "from", "join",
      "union", "intersect", "except", "minus", "limit", "offset", "over", "partition", "with", "exists");
  /** Words before which a {@code div} cannot be an operator: the next token does not start an operand. */
  private static final Set<String> AFTER = Set.of("from", "where", "group", "order", "having", "limit", "offset",
      "union", "intersect", "except", "minus", "join", "inner", "left", "right", "full", "cross", "on", "as", "and",
      "or", "window", "sort", "cluster", "distribute", "lateral", "end", "then", "else", "when", "is", "in", "like",
      "rlike", "between", "asc", "desc", "nulls", "over", "using", "natural", "semi", "anti");

  private final Set<Long> positions;

  private DivOperators(Set<Long> positions) {
    this.positions = positions;
  }

  /** No {@code DIV} operators (text that was not rewritten). */
  static final DivOperators NONE = new DivOperators(Set.of());

  /** SQL text with its {@code DIV} operators replaced, and where they were. */
  record Rewritten(String sql, DivOperators divs) {}

  static Rewritten rewrite(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    Set<Long> found = new HashSet<>();
    while (words.next()) {
      int i = words.start();
      if (words.isLetterWord() && words.is("div") && endsOperand(sql, i) && startsOperand(sql, words.end())) {
        edits.replace(i, words.end(), " / ");
        found.add(TextPositions.ofOffset(sql, i + 1));
      }
    }
    return edits.changed() ? new Rewritten(edits.apply(), new DivOperators(found)) : new Rewritten(sql, NONE);
  }

  /** Whether the parsed division {@code call} was written {@code DIV}. */
  boolean isDiv(SqlCall call) {
    if (positions.isEmpty() || call.getKind() != SqlKind.DIVIDE || call.operandCount() != 2) {
      return false;
    }
    SqlParserPos left = call.operand(0).getParserPosition();
    SqlParserPos right = call.operand(1).getParserPosition();
    long after = TextPositions.key(left.getEndLineNum(), left.getEndColumnNum());
    long before = TextPositions.key(right.getLineNum(), right.getColumnNum());
    for (long p : positions) {
      if (p > after && p < before) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsOperand(String sql, int i) {
    int j = i - 1;
    while (j >= 0 && Character.isWhitespace(sql.charAt(j))) {
      j--;
    }
    if (j < 0) {
      return false;
    }
    char c = sql.charAt(j);
    if (c == ')' || c == ']' || c == '\'' || c == '"' || c == '`') {
      return true;
    }
    if (!SqlParsing.isWordChar(c)) {
      return false;
    }
    int start = j;
    while (start > 0 && SqlParsing.isWordChar(sql.charAt(start - 1))) {
      start--;
    }
    return !BEFORE.contains(sql.substring(start, j + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean startsOperand(String sql, int end) {
    int j = end;
    while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
      j++;
    }
    if (j >= sql.length()) {
      return false;
    }
    char c = sql.charAt(j);
    if (c == '(' || c == '\'' || c == '"' || c == '`' || c == '-' || c == '+' || c == '.') {
      return true;
    }
    if (!SqlParsing.isWordChar(c)) {
      return false;
    }
    int stop = j;
    while (stop < sql.length() && SqlParsing.isWordChar(sql.charAt(stop))) {
      stop++;
    }
    return !AFTER.contains(sql.substring(j, stop).toLowerCase(Locale.ROOT));
  }
}
