package io.ember.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImplConstants;
import org.apache.calcite.sql.parser.babel.Token;

/**
 * Spark's {@code WINDOW w2 AS w1}, a named window defined as another without parentheses, as the parser's
 * {@code WINDOW w2 AS (w1)}. The text is split into tokens by the parser's own lexer; in a WINDOW clause (from the
 * word WINDOW that is followed by {@code name AS} to the end of its level of parentheses or the next ORDER, LIMIT,
 * OFFSET, QUALIFY, FETCH, set operator or semicolon), a definition whose {@code AS} is followed by a bare name gets
 * that name in parentheses. Positions after it shift by the two parentheses.
 */
final class WindowReferences {
  private static final Set<Integer> NAMES = Set.of(SqlBabelParserImplConstants.IDENTIFIER,
      SqlBabelParserImplConstants.BACK_QUOTED_IDENTIFIER, SqlBabelParserImplConstants.BIG_QUERY_BACK_QUOTED_IDENTIFIER);
  private static final Set<Integer> CLAUSE_ENDS = Set.of(SqlBabelParserImplConstants.ORDER,
      SqlBabelParserImplConstants.LIMIT, SqlBabelParserImplConstants.OFFSET, SqlBabelParserImplConstants.QUALIFY,
      SqlBabelParserImplConstants.FETCH, SqlBabelParserImplConstants.UNION, SqlBabelParserImplConstants.EXCEPT,
      SqlBabelParserImplConstants.INTERSECT, SqlBabelParserImplConstants.MINUS, SqlBabelParserImplConstants.SEMICOLON);

  private WindowReferences() {}

  /** {@code sql} with each {@code AS name} of a WINDOW clause written {@code AS (name)}; {@code sql} when none. */
  static String parenthesize(String sql) {
    String text = sql.replace('\t', ' ');
    List<Token> tokens;
    try {
      tokens = ReservedNames.tokens(text);
    } catch (RuntimeException | Error e) {
      return sql;
    }
    int[] lineStarts = ReservedNames.lineStarts(text);
    List<int[]> names = new ArrayList<>(); // [start, end) of each name to put in parentheses
    int depth = 0;
    int clause = -1;
    for (int i = 0; i < tokens.size(); i++) {
      int kind = tokens.get(i).kind;
      if (kind == SqlBabelParserImplConstants.LPAREN) {
        depth++;
      } else if (kind == SqlBabelParserImplConstants.RPAREN) {
        depth--;
        if (depth < clause) {
          clause = -1;
        }
      } else if (kind == SqlBabelParserImplConstants.WINDOW && kindAt(tokens, i + 2) == SqlBabelParserImplConstants.AS
          && NAMES.contains(kindAt(tokens, i + 1))) {
        clause = depth;
      } else if (clause == depth && CLAUSE_ENDS.contains(kind)) {
        clause = -1;
      } else if (clause == depth && kind == SqlBabelParserImplConstants.AS
          && (kindAt(tokens, i - 2) == SqlBabelParserImplConstants.WINDOW
              || kindAt(tokens, i - 2) == SqlBabelParserImplConstants.COMMA)
          && NAMES.contains(kindAt(tokens, i + 1)) && kindAt(tokens, i + 2) != SqlBabelParserImplConstants.DOT
          && kindAt(tokens, i + 2) != SqlBabelParserImplConstants.LPAREN) {
        Token name = tokens.get(i + 1);
        if (name.beginLine < 1 || name.beginLine > lineStarts.length) {
          return sql;
        }
        int at = lineStarts[name.beginLine - 1] + name.beginColumn - 1;
        int end = at + name.image.length();
        if (end > sql.length() || !sql.substring(at, end).equals(name.image)) {
          return sql;
        }
        names.add(new int[] {at, end});
      }
    }
    if (names.isEmpty()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 2 * names.size());
    int copied = 0;
    for (int[] n : names) {
      out.append(sql, copied, n[0]).append('(').append(sql, n[0], n[1]).append(')');
      copied = n[1];
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  private static int kindAt(List<Token> tokens, int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i).kind : SqlBabelParserImplConstants.EOF;
  }
}
