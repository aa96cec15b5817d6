package io.ember.api.sql;

/**
 * Reads a {@link SqlTableStatement} from its words: picks the grammar by the statement's first words and hands the
 * words ({@link StatementTokens}) to its reader: {@link CreateStatementWords} (CREATE, REPLACE TABLE), {@link AlterStatementWords}
 * (ALTER, DROP, TRUNCATE), {@link InsertStatementWords} (INSERT), {@link ShowStatementWords} (SHOW, DESCRIBE);
 * {@code USE} is read here.
 */
final class SqlStatementWords {
  private SqlStatementWords() {}

  /**
   * The statement {@code sql} is, or null when it is none of the table statements.
   *
   * @throws ParseException for one of them that does not follow its syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for a clause Ember does not run
   */
  static SqlTableStatement parse(String sql) {
    StatementTokens t = new StatementTokens(sql);
    if (t.size() == 0) {
      return null;
    }
    if (t.peek("CREATE")) {
      return CreateStatementWords.read(t);
    }
    if (t.peek("REPLACE") && t.peekAt(1, "TABLE")) {
      return CreateStatementWords.replaceTable(t, 2);
    }
    if (t.peek("USE")) {
      return use(t);
    }
    if (t.peek("INSERT")) {
      return InsertStatementWords.read(t);
    }
    if (t.peek("SHOW") || t.peek("DESCRIBE") || t.peek("DESC")) {
      return ShowStatementWords.read(t);
    }
    return AlterStatementWords.read(t);
  }

  /** {@code USE [DATABASE|SCHEMA|NAMESPACE] db} ({@code USE database} names a database called database). */
  private static SqlTableStatement use(StatementTokens t) {
    t.seek(1);
    StatementTokens.Token third = t.at(2);
    if ((t.peek("DATABASE") || t.peek("SCHEMA") || t.peek("NAMESPACE")) && third != null
        && !third.text().equals(";")) {
      t.seek(2);
    }
    String name = t.name();
    t.skipTrailing();
    return new SqlTableStatement.Use(name);
  }
}
