package io.ember.api.sql;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.parser.babel.SimpleCharStream;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplTokenManager;
import org.apache.calcite.sql.parser.babel.Token;

/**
 * Quotes the words the parser reserves but Spark does not when they name columns: {@code date}, {@code timestamp},
 * {@code time}, {@code next} and {@code user} ({@code SELECT date, time FROM t}, {@code t.date}, {@code x AS date}).
 * The text is split into tokens by the parser's own lexer (so strings, quoted names and comments are never
 * touched), and such a word is quoted as a name unless it is used as the parser means it: a typed literal
 * ({@code DATE '2024-01-01'}), a type after {@code AS} in {@code CAST}/{@code TRY_CAST} or after {@code ::}, or a
 * call ({@code date(..)}). Positions after a quoted word shift by the two backticks.
 */
final class ReservedNames {
  private static final Set<Integer> WORDS = Set.of(SqlBabelParserImplConstants.DATE,
      SqlBabelParserImplConstants.TIMESTAMP, SqlBabelParserImplConstants.TIME, SqlBabelParserImplConstants.NEXT,
      SqlBabelParserImplConstants.USER);
  private static final Set<Integer> STRINGS = Set.of(SqlBabelParserImplConstants.QUOTED_STRING,
      SqlBabelParserImplConstants.PREFIXED_STRING_LITERAL, SqlBabelParserImplConstants.UNICODE_STRING_LITERAL,
      SqlBabelParserImplConstants.C_STYLE_ESCAPED_STRING_LITERAL,
      SqlBabelParserImplConstants.BIG_QUERY_DOUBLE_QUOTED_STRING, SqlBabelParserImplConstants.BIG_QUERY_QUOTED_STRING);

  private ReservedNames() {}

  /** {@code sql} with those words quoted where they name columns; {@code sql} itself when the lexer fails. */
  static String quote(String sql) {
    String text = sql.replace('\t', ' '); // the lexer counts a tab as several columns; a space is one
    List<Token> tokens;
    try {
      tokens = tokens(text);
    } catch (RuntimeException | Error e) { // a lexical error: the parser reports it where it is
      return sql;
    }
    int[] lineStarts = lineStarts(text);
    StringBuilder out = null;
    int copied = 0;
    Deque<Boolean> castParens = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      int prev = i > 0 ? tokens.get(i - 1).kind : -1;
      if (t.kind == SqlBabelParserImplConstants.LPAREN) {
        castParens.push(prev == SqlBabelParserImplConstants.CAST || prev == SqlBabelParserImplConstants.TRY_CAST);
      } else if (t.kind == SqlBabelParserImplConstants.RPAREN && !castParens.isEmpty()) {
        castParens.pop();
      }
      if (!WORDS.contains(t.kind) || t.beginLine < 1 || t.beginLine > lineStarts.length) {
        continue;
      }
      int next = i + 1 < tokens.size() ? tokens.get(i + 1).kind : SqlBabelParserImplConstants.EOF;
      boolean asType = prev == SqlBabelParserImplConstants.INFIX_CAST
          || prev == SqlBabelParserImplConstants.AS && !castParens.isEmpty() && castParens.peek();
      if (STRINGS.contains(next) || next == SqlBabelParserImplConstants.LPAREN || asType) {
        continue;
      }
      int at = lineStarts[t.beginLine - 1] + t.beginColumn - 1;
      int end = at + t.image.length();
      if (at < copied || end > sql.length() || !sql.substring(at, end).equalsIgnoreCase(t.image)) {
        return sql; // positions did not map back to the text: leave it to the parser
      }
      if (out == null) {
        out = new StringBuilder(sql.length() + 8);
      }
      out.append(sql, copied, at).append('`').append(sql, at, end).append('`');
      copied = end;
    }
    return out == null ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /** The tokens of {@code text} as the parser reads them (backtick names, strings in single or double quotes). */
  static List<Token> tokens(String text) {
    SqlBabelParserImplTokenManager lexer =
        new SqlBabelParserImplTokenManager(new SimpleCharStream(new StringReader(text)));
    lexer.SwitchTo(SqlBabelParserImplConstants.BQID);
    List<Token> out = new ArrayList<>();
    for (Token t = lexer.getNextToken(); t.kind != SqlBabelParserImplConstants.EOF; t = lexer.getNextToken()) {
      out.add(t);
    }
    return out;
  }

  /** The offset at which each line starts; a line ends at {@code \n}, {@code \r\n} or a lone {@code \r}. */
  static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }
}
