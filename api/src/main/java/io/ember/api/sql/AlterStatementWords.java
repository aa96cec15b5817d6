package io.ember.api.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the statements that change or remove catalog objects: {@code ALTER TABLE|VIEW}, {@code DROP TABLE|VIEW},
 * {@code DROP DATABASE|SCHEMA} and {@code TRUNCATE TABLE} (see {@link SqlTableStatement} for their syntax).
 */
final class AlterStatementWords {
  private AlterStatementWords() {}

  /**
   * The statement at word 0 when it is one of these, else null.
   *
   * @throws ParseException when it does not follow its syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for a form Ember does not run
   */
  static SqlTableStatement read(StatementTokens t) {
    if (t.peekAt(0, "TRUNCATE")) {
      return truncate(t);
    }
    StatementTokens.Token second = t.at(1);
    if (second == null) {
      return null;
    }
    if (t.peekAt(0, "DROP") && (second.is("DATABASE") || second.is("SCHEMA"))) {
      return dropDatabase(t);
    }
    if (t.peekAt(0, "ALTER") && (second.is("TABLE") || second.is("VIEW"))) {
      return alter(t);
    }
    if (t.peekAt(0, "DROP") && (second.is("TABLE") || second.is("VIEW"))) {
      boolean view = second.is("VIEW");
      t.seek(2);
      boolean ifExists = t.ifClause(null);
      String name = t.name();
      t.accept("PURGE");
      t.skipTrailing();
      return new SqlTableStatement.Drop(name, ifExists, view);
    }
    return null;
  }

  private static SqlTableStatement dropDatabase(StatementTokens t) {
    t.seek(2);
    boolean ifExists = t.ifClause(null);
    String name = t.name();
    boolean cascade = t.accept("CASCADE");
    if (!cascade) {
      t.accept("RESTRICT");
    }
    t.skipTrailing();
    return new SqlTableStatement.DropDatabase(name, ifExists, cascade);
  }

  private static SqlTableStatement truncate(StatementTokens t) {
    t.seek(1);
    t.expect("TABLE");
    String name = t.name();
    Map<String, String> partition = t.peek("PARTITION") ? t.partitionSpec(false) : Map.of();
    t.skipTrailing();
    return new SqlTableStatement.Truncate(name, partition);
  }

  private static SqlTableStatement alter(StatementTokens t) {
    boolean view = t.at(1).is("VIEW");
    t.seek(2);
    String name = t.name();
    if (t.accept("RENAME")) {
      t.expect("TO");
      String to = t.name();
      t.skipTrailing();
      return new SqlTableStatement.Rename(name, to, view);
    }
    if (t.accept("SET")) {
      t.expect("TBLPROPERTIES");
      Map<String, String> props = t.properties();
      t.skipTrailing();
      return new SqlTableStatement.SetProperties(name, view, props);
    }
    if (t.accept("UNSET")) {
      t.expect("TBLPROPERTIES");
      boolean ifExists = t.ifClause(null);
      List<String> keys = new ArrayList<>(t.properties(true).keySet());
      t.skipTrailing();
      return new SqlTableStatement.UnsetProperties(name, view, keys, ifExists);
    }
    if (!view && (t.peek("ADD") || t.peek("DROP"))
        && !(t.peekAt(t.pos() + 1, "COLUMN") || t.peekAt(t.pos() + 1, "COLUMNS"))) {
      return alterPartitions(t, name);
    }
    if (!view && t.accept("ADD") && (t.accept("COLUMNS") || t.accept("COLUMN"))) {
      List<SqlTableStatement.ColumnDefinition> columns;
      if (t.peekSymbol("(")) {
        int close = t.closing(t.pos());
        t.seek(t.pos() + 1);
        columns = CreateStatementWords.columns(t, close);
        t.seek(close + 1);
      } else {
        columns = CreateStatementWords.columns(t, t.size());
      }
      t.skipTrailing();
      return new SqlTableStatement.AddColumns(name, columns);
    }
    throw SqlUnsupported.of("ALTER " + (view ? "VIEW" : "TABLE") + " ... " + (!t.atEnd()
        ? t.current().text().toUpperCase(Locale.ROOT) : "") + " (RENAME TO, ADD COLUMNS, SET|UNSET"
        + " TBLPROPERTIES and ADD|DROP PARTITION run)");
  }

  /** {@code ALTER TABLE t ADD [IF NOT EXISTS] | DROP [IF EXISTS] PARTITION (..)[, ..] [PURGE]}. */
  private static SqlTableStatement alterPartitions(StatementTokens t, String name) {
    boolean add = t.accept("ADD");
    if (!add) {
      t.expect("DROP");
    }
    boolean ifClause = t.ifClause(add ? "NOT" : null);
    List<Map<String, String>> partitions = new ArrayList<>();
    do {
      partitions.add(t.partitionSpec(false));
      if (t.peek("LOCATION")) {
        throw SqlUnsupported.of("ALTER TABLE ADD PARTITION ... LOCATION (a partition's files lie in its"
            + " directory under the table's)");
      }
    } while (t.acceptSymbol(",") || t.peek("PARTITION"));
    t.accept("PURGE");
    t.skipTrailing();
    return new SqlTableStatement.AlterPartitions(name, add, ifClause, partitions);
  }
}
