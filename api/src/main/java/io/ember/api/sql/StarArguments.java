package io.ember.api.sql;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Marks the stars the parser's grammar takes only as a call's first argument: Spark reads {@code concat_ws(',', *)},
 * {@code hash(a, t.*)} and {@code count(DISTINCT *)}, the parser only {@code f(*)} and {@code f(t.*)}. Each
 * {@code *} that follows a comma, {@code DISTINCT}, {@code ALL} or a qualifier's dot inside a call's parentheses (not
 * a subquery's) and comes before a comma or the closing parenthesis becomes the quoted name {@link #NAME}, which no
 * column can have and the translator reads back as the star. Stars inside strings, quoted names and comments are
 * left alone; positions after a marked star shift by the three added characters.
 */
final class StarArguments {
  /** The name a marked star is parsed as. */
  static final String NAME = "\u0000*";

  /** Words after which a parenthesis opens a list, a row or a subquery, not a call's arguments. */
  private static final java.util.Set<String> NOT_CALLS = java.util.Set.of("select", "in", "values", "by", "on",
      "and", "or", "not", "where", "having", "when", "then", "else", "as", "exists", "from", "join", "using", "over");

  private StarArguments() {}

  /** {@code sql} with each star argument the parser would refuse written as the quoted name {@link #NAME}. */
  static String mark(String sql) {
    if (sql.indexOf('*') < 0) {
      return sql;
    }
    SqlWords words = new SqlWords(sql);
    SqlWords.Edits edits = new SqlWords.Edits(sql);
    Deque<boolean[]> frames = new ArrayDeque<>(); // per open parenthesis: {a call's, holds a query}
    String previous = "";
    while (words.next()) {
      char c = words.first();
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (c == '(') {
        char before = charBefore(sql, words.start());
        boolean call = before == '`'
            || SqlParsing.isWordChar(before) && !NOT_CALLS.contains(previous.toLowerCase(java.util.Locale.ROOT));
        frames.push(new boolean[] {call, false});
      } else if (c == ')') {
        frames.poll();
      } else if (words.isWord() && (words.is("select") || words.is("with")) && !frames.isEmpty()) {
        frames.peek()[1] = true;
      } else if (c == '*' && !frames.isEmpty() && frames.peek()[0] && !frames.peek()[1]
          && (previous.equals(",") || previous.equals(".") || previous.equalsIgnoreCase("distinct")
              || previous.equalsIgnoreCase("all"))
          && closesArgument(sql, words.end())) {
        edits.replace(words.start(), words.end(), "`" + NAME + "`");
      }
      previous = words.text();
    }
    return edits.apply();
  }

  /** The last character before {@code at} that is not a space (a space when there is none). */
  private static char charBefore(String sql, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(sql.charAt(i))) {
      i--;
    }
    return i >= 0 ? sql.charAt(i) : ' ';
  }

  /** Whether a comma or a closing parenthesis comes next from {@code at}, past spaces. */
  private static boolean closesArgument(String sql, int at) {
    int i = at;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i < sql.length() && (sql.charAt(i) == ',' || sql.charAt(i) == ')');
  }
}
