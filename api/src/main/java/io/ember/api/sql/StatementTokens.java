package io.ember.api.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of one SQL statement and a cursor over them, shared by the grammar readers of
 * {@link SqlStatementWords}: identifiers (backticks quote), string literals, numbers and punctuation, comments
 * skipped. The readers move the cursor with {@code accept}/{@code expect} and read the pieces several statements
 * share (names, string literals, property lists, partition specs). A query inside a statement is cut out of the
 * text with its positions kept ({@link #blankedFrom}), so the query parser's errors point into the statement the
 * user wrote. Not thread-safe: one instance reads one statement.
 */
final class StatementTokens {
  /** One word: {@code quoted} for a backticked identifier, {@code string} for a string literal. */
  record Token(String text, int start, int end, boolean quoted, boolean string) {
    /** Whether this is the keyword {@code word} (any case; never a quoted identifier or a string). */
    boolean is(String word) {
      return !quoted && !string && text.equalsIgnoreCase(word);
    }

    /** Whether this is the punctuation {@code symbol}. */
    boolean isSymbol(String symbol) {
      return !quoted && !string && text.equals(symbol);
    }
  }

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  StatementTokens(String sql) {
    this.sql = sql;
    tokenize();
  }

  /** The statement's text. */
  String sql() {
    return sql;
  }

  /** How many words the statement has. */
  int size() {
    return tokens.size();
  }

  /** The cursor: the index of the next word. */
  int pos() {
    return pos;
  }

  /** Moves the cursor to word {@code index}. */
  void seek(int index) {
    pos = index;
  }

  /** Whether every word was read. */
  boolean atEnd() {
    return pos >= tokens.size();
  }

  /** Word {@code index}, or null past the end. */
  Token at(int index) {
    return index < tokens.size() ? tokens.get(index) : null;
  }

  /** The next word, or null at the end (the cursor does not move). */
  Token current() {
    return at(pos);
  }

  boolean peek(String word) {
    return pos < tokens.size() && tokens.get(pos).is(word);
  }

  boolean peekAt(int index, String word) {
    return index < tokens.size() && tokens.get(index).is(word);
  }

  boolean peekSymbol(String symbol) {
    return pos < tokens.size() && tokens.get(pos).isSymbol(symbol);
  }

  /** Whether the next word is a string literal. */
  boolean peekString() {
    return pos < tokens.size() && tokens.get(pos).string();
  }

  boolean accept(String word) {
    if (peek(word)) {
      pos++;
      return true;
    }
    return false;
  }

  boolean acceptSymbol(String symbol) {
    if (peekSymbol(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  void expect(String word) {
    if (!accept(word)) {
      throw error();
    }
  }

  void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw error();
    }
  }

  /**
   * The next word, whatever it is.
   *
   * @throws ParseException at the end of the statement ({@code what} was expected)
   */
  Token next(String what) {
    if (pos >= tokens.size()) {
      throw endOfInput();
    }
    return tokens.get(pos++);
  }

  /** {@code IF [NOT] EXISTS}: {@code not} is "NOT" for CREATE, null for DROP; false when there is no IF. */
  boolean ifClause(String not) {
    if (!peek("IF")) {
      return false;
    }
    pos++;
    if (not != null) {
      expect(not);
    }
    expect("EXISTS");
    return true;
  }

  /** A possibly qualified name, parts joined by dots (a part holding a dot keeps its backticks). */
  String name() {
    StringBuilder out = new StringBuilder(part(next("a table name")));
    while (peekSymbol(".")) {
      pos++;
      out.append('.').append(part(next("a name after '.'")));
    }
    return out.toString();
  }

  private static String part(Token t) {
    return t.quoted() && t.text().contains(".") ? "`" + t.text().replace("`", "``") + "`" : t.text();
  }

  /** A string literal's text. */
  String string() {
    Token t = next("a string");
    if (!t.string()) {
      throw error(t);
    }
    return t.text();
  }

  /** A string literal's text if one comes next, else null (the cursor does not move). */
  String optionalString() {
    return peekString() ? tokens.get(pos++).text() : null;
  }

  /** {@code (k 'v', 'k2' = 'v2')}. */
  Map<String, String> properties() {
    return properties(false);
  }

  /** {@code (k 'v', 'k2' = 'v2')}, or with {@code keysOnly} {@code (k, 'k2')} (values null). */
  Map<String, String> properties(boolean keysOnly) {
    expectSymbol("(");
    Map<String, String> out = new LinkedHashMap<>();
    while (!peekSymbol(")")) {
      StringBuilder key = new StringBuilder(next("an option name").text());
      while (acceptSymbol(".")) {
        key.append('.').append(next("an option name").text());
      }
      if (keysOnly) {
        out.put(key.toString(), null);
        if (!acceptSymbol(",")) {
          break;
        }
        continue;
      }
      acceptSymbol("=");
      Token value = next("an option value");
      out.put(key.toString(), value.text());
      if (!acceptSymbol(",")) {
        break;
      }
    }
    expectSymbol(")");
    return out;
  }

  /**
   * {@code PARTITION (p = value, ...)}: each value's text in order ({@code 'x'} as x); with {@code dynamic}, a
   * column without a value maps to null.
   */
  Map<String, String> partitionSpec(boolean dynamic) {
    expect("PARTITION");
    expectSymbol("(");
    Map<String, String> out = new LinkedHashMap<>();
    do {
      String column = next("a partition column").text();
      if (acceptSymbol("=")) {
        boolean negative = acceptSymbol("-");
        Token value = next("a partition value");
        if (value.is("NULL")) {
          throw SqlUnsupported.of("a null partition value (PARTITION (" + column + " = NULL))");
        }
        out.put(column, (negative ? "-" : "") + (value.string() ? value.text()
            : sql.substring(value.start(), value.end())));
      } else if (dynamic) {
        out.put(column, null);
      } else {
        throw error();
      }
    } while (acceptSymbol(","));
    expectSymbol(")");
    return out;
  }

  /** The statement's text from {@code start} on, every character before it (but line breaks) a blank. */
  String blankedFrom(int start) {
    StringBuilder b = new StringBuilder(sql);
    for (int i = 0; i < start; i++) {
      if (b.charAt(i) != '\n' && b.charAt(i) != '\r') {
        b.setCharAt(i, ' ');
      }
    }
    return b.toString();
  }

  /** The rest of the statement from the cursor as a query (see {@link #blankedFrom}). */
  String restAsQuery() {
    return blankedFrom(tokens.get(pos).start());
  }

  /**
   * The index of the parenthesis closing the one at word {@code open}.
   *
   * @throws ParseException when it is never closed
   */
  int closing(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    throw endOfInput();
  }

  /** Reads an optional {@code ;}; then the statement must end. */
  void skipTrailing() {
    acceptSymbol(";");
    if (pos < tokens.size()) {
      throw error(tokens.get(pos));
    }
  }

  /** The syntax error at the cursor. */
  ParseException error() {
    return pos < tokens.size() ? error(tokens.get(pos)) : endOfInput();
  }

  /** The syntax error at {@code t}, with its line and column. */
  ParseException error(Token t) {
    String before = sql.substring(0, t.start());
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int col = t.start() - (before.lastIndexOf('\n') + 1);
    return new ParseException(sql.substring(t.start(), t.end()), line, col, null);
  }

  private ParseException endOfInput() {
    return new ParseException("end of input", 1, sql.length(), null);
  }

  private void tokenize() {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '`' || c == '\'' || c == '"') {
        i = quoted(i, c);
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
          j++;
        }
        tokens.add(new Token(sql.substring(i, j), i, j, false, false));
        i = j;
      } else {
        tokens.add(new Token(String.valueOf(c), i, i + 1, false, false));
        i++;
      }
    }
  }

  /** Reads the quoted word opened by {@code quote} at {@code i}; returns the index after it. */
  private int quoted(int i, char quote) {
    int n = sql.length();
    StringBuilder text = new StringBuilder();
    int j = i + 1;
    while (j < n) {
      char d = sql.charAt(j);
      if (d == '\\' && quote != '`' && j + 1 < n) {
        text.append(sql.charAt(j + 1));
        j += 2;
      } else if (d == quote && j + 1 < n && sql.charAt(j + 1) == quote) {
        text.append(quote);
        j += 2;
      } else if (d == quote) {
        break;
      } else {
        text.append(d);
        j++;
      }
    }
    tokens.add(new Token(text.toString(), i, Math.min(j + 1, n), quote == '`', quote != '`'));
    return j + 1;
  }
}
