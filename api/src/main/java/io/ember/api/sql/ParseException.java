package io.ember.api.sql;

import io.ember.core.errors.AnalysisException;

/**
 * SQL text that does not parse: Spark's {@code PARSE_SYNTAX_ERROR}, pointing at the offending token with its
 * 1-based {@link #line()} and 0-based {@link #position()} in that line (as Spark prints them). The user fixes
 * the query text.
 */
public final class ParseException extends AnalysisException {
  private final int line;
  private final int position;
  private final String token;

  public ParseException(String token, int line, int position, Throwable cause) {
    super("PARSE_SYNTAX_ERROR", "Syntax error at or near " + (token == null ? "end of input" : "'" + token + "'")
        + ". (line " + line + ", pos " + position + ")", cause);
    this.line = line;
    this.position = position;
    this.token = token;
  }

  /** The 1-based line of the offending token. */
  public int line() {
    return line;
  }

  /** The 0-based column of the offending token in its line. */
  public int position() {
    return position;
  }

  /** The offending token's text, or null at the end of the input. */
  public String token() {
    return token;
  }
}
