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
 * single or double quotes, names kept as written (resolution is case-insensitive later), {@code LIMIT}/{@code OFFSET},
 * {@code LEFT SEMI/ANTI JOIN}. It is Calcite's Babel parser, which reserves few words (so {@code year} or
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
  static SqlNode parseQuery(String sql) {
    try {
      return SqlParser.create(sql, CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw syntaxError(sql, e);
    }
  }

  /**
   * The tree of {@code SELECT text}, for one select item as {@code selectExpr} and {@code expr} take it; errors
   * point into {@code text}.
   *
   * @throws ParseException for text that is not an expression
   */
  static SqlNode parseSelectItem(String text) {
    try {
      return SqlParser.create(SELECT + text, CONFIG).parseQuery();
    } catch (SqlParseException e) {
      throw syntaxError(text, e, SELECT.length());
    }
  }

  private static final String SELECT = "SELECT ";

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
