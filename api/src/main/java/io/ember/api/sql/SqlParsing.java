package io.ember.api.sql;

import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.config.CharLiteralStyle;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.babel.Token;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses SQL text in a Spark-like dialect into the parser's syntax tree: backtick-quoted identifiers, strings in
 * single or double quotes, names kept as written (resolution is case-insensitive later), {@code LIMIT}/{@code OFFSET} (a negative count, see {@link NegativeLimits}),
 * {@code LEFT SEMI/ANTI JOIN}, {@code a DIV b} (see {@link DivOperators}), typed numeric literals such as
 * {@code 10L} (see {@link TypedLiterals}), {@code GROUP BY a, b WITH ROLLUP|CUBE} (see {@link WithRollup}). It is Calcite's Babel parser, which reserves few words (so {@code year} or
 * {@code value} can name columns). Only the parser is used; names and types are resolved by Ember's analyzer.
 */
final class SqlParsing {
  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withQuoting(Quoting.BACK_TICK_BACKSLASH)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(SqlConformanceEnum.BABEL)
      .withCharLiteralStyles(Set.of(CharLiteralStyle.BQ_SINGLE, CharLiteralStyle.BQ_DOUBLE))
      .withParserFactory(SqlBabelParserImpl.FACTORY);

  private SqlParsing() {}

  /**
   * The tree of one query.
   *
   * @throws ParseException for text that is not a query
   */
  static Parsed parseQuery(String sql) {
    try {
      DivOperators.Rewritten text = DivOperators.rewrite(quoteWindow(IntervalLiterals.rewrite(
          MultiAliases.rewrite(sql))));
      TypedLiterals.Rewritten typed = TypedLiterals.rewrite(text.sql());
      NegativeLimits.Rewritten limits = NegativeLimits.rewrite(WithRollup.rewrite(typed.sql()));
      return new Parsed(SqlParser.create(limits.sql(), CONFIG).parseQuery(), text.divs(), typed.literals(),
          limits.limits());
    } catch (SqlParseException e) {
      throw syntaxError(sql, e);
    }
  }

  /**
   * A parsed tree, which of its divisions were written {@code DIV}, its typed numeric literals, and which of its
   * LIMIT/OFFSET counts were written negative.
   */
  record Parsed(SqlNode tree, DivOperators divs, TypedLiterals literals, NegativeLimits negativeLimits) {}

  /**
   * The tree of {@code SELECT text}, for one select item as {@code selectExpr} and {@code expr} take it; errors
   * point into {@code text}.
   *
   * @throws ParseException for text that is not an expression
   */
  static Parsed parseSelectItem(String text) {
    try {
      DivOperators.Rewritten item = DivOperators.rewrite(SELECT + quoteWindow(IntervalLiterals.rewrite(text)));
      TypedLiterals.Rewritten typed = TypedLiterals.rewrite(item.sql());
      return new Parsed(SqlParser.create(typed.sql(), CONFIG).parseQuery(), item.divs(), typed.literals(),
          NegativeLimits.NONE);
    } catch (SqlParseException e) {
      throw syntaxError(text, e, SELECT.length());
    }
  }

  private static final String SELECT = "SELECT ";

  /**
   * {@code sql} with every bare word {@code window} (outside strings, quoted names and comments) quoted as a name,
   * except where it opens a WINDOW clause ({@code WINDOW w AS (}): Spark reads {@code window} as the time window
   * function and the column it makes ({@code window.start}), while the parser reserves it for window clauses.
   * Positions after a replaced word shift by the two quotes.
   */
  static String quoteWindow(String sql) {
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    while (words.next()) {
      if (words.isLetterWord() && words.is("window") && !opensWindowClause(sql, words.end())) {
        edits.replace(words.start(), words.end(), "`" + words.text() + "`");
      }
    }
    return edits.apply();
  }

  /** Whether {@code name AS (} follows offset {@code i}, as after the word that opens a WINDOW clause. */
  private static boolean opensWindowClause(String sql, int i) {
    int j = skipSpace(sql, i);
    int nameEnd = j;
    if (j < sql.length() && sql.charAt(j) == '`') {
      nameEnd = skipQuotedOrComment(sql, j);
    } else {
      while (nameEnd < sql.length() && isWordChar(sql.charAt(nameEnd))) {
        nameEnd++;
      }
    }
    if (nameEnd == j) {
      return false;
    }
    int as = skipSpace(sql, nameEnd);
    if (!sql.regionMatches(true, as, "as", 0, 2) || as + 2 >= sql.length() || isWordChar(sql.charAt(as + 2))) {
      return false;
    }
    int paren = skipSpace(sql, as + 2);
    return paren < sql.length() && sql.charAt(paren) == '(';
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The index after the string, quoted name or comment starting at {@code i}, or {@code i} when none starts there. */
  static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"' || c == '`') {
      int j = i + 1;
      while (j < sql.length() && sql.charAt(j) != c) {
        j += sql.charAt(j) == '\\' && c != '`' ? 2 : 1;
      }
      return Math.min(j + 1, sql.length());
    }
    if (sql.startsWith("--", i)) {
      int j = sql.indexOf('\n', i);
      return j < 0 ? sql.length() : j;
    }
    if (sql.startsWith("/*", i)) {
      int j = sql.indexOf("*/", i + 2);
      return j < 0 ? sql.length() : j + 2;
    }
    return i;
  }

  private static ParseException syntaxError(String sql, SqlParseException e) {
    return syntaxError(sql, e, 0);
  }

  /**
   * The error at the first token no expected sequence accepts (the parser reports the lookahead it tried,
   * {@code ". floor"}, of which the offending token may be a later one), pointing into {@code sql}, which the
   * parser saw after {@code prefix} characters.
   */
  private static ParseException syntaxError(String sql, SqlParseException e, int prefix) {
    Token t = offendingToken(e);
    if (t == null) {
      ParseException at = atPosition(sql, e, prefix);
      return at.token() != null && isLastToken(sql, at) ? endOfInput(sql, e) : at;
    }
    if (t.kind == 0) {
      return endOfInput(sql, e);
    }
    int col = t.beginColumn - 1 - (t.beginLine == 1 ? prefix : 0);
    return new ParseException(t.image, t.beginLine, Math.max(0, col), e);
  }

  private static ParseException endOfInput(String sql, SqlParseException e) {
    String[] lines = sql.split("\r?\n", -1);
    return new ParseException(null, lines.length, lines[lines.length - 1].length(), e);
  }

  /** Whether nothing but white space follows {@code at}'s token (a keyword the input ends with). */
  private static boolean isLastToken(String sql, ParseException at) {
    String[] lines = sql.split("\r?\n", -1);
    StringBuilder rest = new StringBuilder(lines[at.line() - 1].substring(
        Math.min(lines[at.line() - 1].length(), at.position() + at.token().length())));
    for (int i = at.line(); i < lines.length; i++) {
      rest.append(lines[i]);
    }
    return rest.toString().isBlank();
  }

  /** The error at the parser's reported position, naming the text it spans. */
  private static ParseException atPosition(String sql, SqlParseException e, int prefix) {
    SqlParserPos pos = e.getPos();
    String[] lines = sql.split("\r?\n", -1);
    if (pos == null || pos.getLineNum() <= 0 || pos.getLineNum() > lines.length) {
      return new ParseException(null, lines.length, lines[lines.length - 1].length(), e);
    }
    int line = pos.getLineNum();
    String text = lines[line - 1];
    int shift = line == 1 ? prefix : 0;
    int col = Math.max(0, pos.getColumnNum() - 1 - shift);
    if (col >= text.length()) {
      return new ParseException(null, line, col, e);
    }
    int end = pos.getEndLineNum() == line ? Math.min(text.length(), pos.getEndColumnNum() - shift) : text.length();
    return new ParseException(text.substring(col, Math.max(end, col + 1)), line, col, e);
  }

  private static Token offendingToken(SqlParseException e) {
    if (!(e.getCause() instanceof org.apache.calcite.sql.parser.babel.ParseException pe) || pe.currentToken == null
        || pe.currentToken.next == null) {
      return null;
    }
    int accepted = 0;
    if (pe.expectedTokenSequences != null) {
      for (int[] seq : pe.expectedTokenSequences) {
        int k = 0;
        Token t = pe.currentToken.next;
        while (k < seq.length - 1 && t != null && t.kind == seq[k]) {
          k++;
          t = t.next;
        }
        accepted = Math.max(accepted, k);
      }
    }
    Token t = pe.currentToken.next;
    for (int i = 0; i < accepted && t.next != null; i++) {
      t = t.next;
    }
    return t;
  }
}
