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
    if (t.peekAt(0, "ALTER") && (second.is("DATABASE") || second.is("SCHEMA") || second.is("NAMESPACE"))) {
      return alterDatabase(t);
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

  /** {@code ALTER DATABASE|SCHEMA|NAMESPACE db SET DBPROPERTIES|PROPERTIES (..)}. */
  private static SqlTableStatement alterDatabase(StatementTokens t) {
    t.seek(2);
    String name = t.name();
    if (!t.accept("SET") || !(t.peek("DBPROPERTIES") || t.peek("PROPERTIES"))) {
      throw SqlUnsupported.of("ALTER DATABASE ... " + (!t.atEnd() ? t.current().text().toUpperCase(Locale.ROOT)
          : "") + " (SET DBPROPERTIES runs)");
    }
    Map<String, String> properties = CreateStatementWords.databaseProperties(t);
    t.skipTrailing();
    return new SqlTableStatement.AlterDatabaseProperties(name, properties);
  }

  private static SqlTableStatement alter(StatementTokens t) {
    boolean view = t.at(1).is("VIEW");
    t.seek(2);
    String name = t.name();
    if (view && (t.accept("AS") || t.peek("SELECT") || t.peek("WITH"))) {
      if (t.atEnd()) {
        throw t.error();
      }
      return new SqlTableStatement.AlterViewAs(name, t.restAsQuery());
    }
    if (!view && t.peek("RENAME") && t.peekAt(t.pos() + 1, "COLUMN")) {
      t.seek(t.pos() + 2);
      String column = t.name();
      t.expect("TO");
      String to = t.next("a column name").text();
      t.skipTrailing();
      return new SqlTableStatement.RenameColumn(name, column, to);
    }
    if (!view && t.peek("DROP") && (t.peekAt(t.pos() + 1, "COLUMN") || t.peekAt(t.pos() + 1, "COLUMNS"))) {
      return dropColumns(t, name);
    }
    if (!view && (t.peek("ALTER") || t.peek("CHANGE"))) {
      return alterColumn(t, name);
    }
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
        ? t.current().text().toUpperCase(Locale.ROOT) : "") + " (RENAME TO, ADD COLUMNS, ALTER COLUMN .. COMMENT,"
        + " SET|UNSET TBLPROPERTIES, ADD|DROP PARTITION and ALTER VIEW .. AS run)");
  }

  /** {@code DROP COLUMN[S] [IF EXISTS] c, ..} or {@code DROP COLUMNS [IF EXISTS] (c, ..)}, at DROP. */
  private static SqlTableStatement dropColumns(StatementTokens t, String name) {
    t.seek(t.pos() + 2);
    boolean ifExists = t.ifClause(null);
    boolean parenthesized = t.acceptSymbol("(");
    List<String> columns = new ArrayList<>();
    do {
      columns.add(t.name());
    } while (t.acceptSymbol(","));
    if (parenthesized) {
      t.expectSymbol(")");
    }
    t.skipTrailing();
    return new SqlTableStatement.DropColumns(name, columns, ifExists);
  }

  /**
   * {@code ALTER|CHANGE [COLUMN] c action}, the action {@code TYPE type}, {@code COMMENT 'text'},
   * {@code FIRST|AFTER c}, {@code SET|DROP NOT NULL} or {@code SET DEFAULT ..|DROP DEFAULT}; or Hive's
   * {@code CHANGE [COLUMN] c newName type [COMMENT 'text'] [FIRST|AFTER c]}. At ALTER or CHANGE.
   */
  private static SqlTableStatement alterColumn(StatementTokens t, String name) {
    boolean change = t.accept("CHANGE");
    if (!change) {
      t.expect("ALTER");
    }
    t.accept("COLUMN");
    String column = t.name();
    String newName = null;
    String type = null;
    String comment = null;
    String refused = null;
    boolean action = t.peek("TYPE") || t.peek("COMMENT") || t.peek("FIRST") || t.peek("AFTER") || t.peek("SET")
        || t.peek("DROP");
    if (change && !action && !t.atEnd() && !t.peekSymbol(";")) {
      newName = t.next("a column name").text();
      type = typeText(t);
    }
    while (!t.atEnd() && !t.peekSymbol(";")) {
      if (t.accept("TYPE")) {
        type = typeText(t);
      } else if (t.accept("COMMENT")) {
        comment = t.string();
      } else if (t.accept("FIRST") || t.accept("AFTER")) {
        if (t.at(t.pos() - 1).is("AFTER")) {
          t.name();
        }
        refused = "ALTER COLUMN ... FIRST | AFTER";
      } else if ((t.peek("SET") || t.peek("DROP")) && t.peekAt(t.pos() + 1, "NOT")) {
        t.seek(t.pos() + 2);
        t.expect("NULL");
        refused = "ALTER COLUMN ... SET NOT NULL";
      } else if (t.peek("SET") || t.peek("DROP")) {
        throw SqlUnsupported.of("ALTER COLUMN ... " + t.current().text().toUpperCase(Locale.ROOT)
            + " DEFAULT (column defaults)");
      } else {
        throw t.error();
      }
      t.acceptSymbol(",");
    }
    t.skipTrailing();
    return new SqlTableStatement.AlterColumn(name, column, newName, type, comment, refused);
  }

  /** A type as written, up to COMMENT, FIRST, AFTER or the end (angle brackets and parentheses nest). */
  private static String typeText(StatementTokens t) {
    int start = t.pos();
    int depth = 0;
    while (!t.atEnd()) {
      StatementTokens.Token w = t.current();
      if (w.isSymbol("(") || w.isSymbol("<")) {
        depth++;
      } else if (w.isSymbol(")") || w.isSymbol(">")) {
        depth--;
      } else if (depth == 0 && (w.is("COMMENT") || w.is("FIRST") || w.is("AFTER") || w.is("NOT")
          || w.isSymbol(";") || w.isSymbol(","))) {
        break;
      }
      t.seek(t.pos() + 1);
    }
    if (t.pos() == start) {
      throw t.error();
    }
    return t.sql().substring(t.at(start).start(), t.at(t.pos() - 1).end());
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
