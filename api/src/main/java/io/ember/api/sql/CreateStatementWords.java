package io.ember.api.sql;

import io.ember.api.sql.StatementTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the statements that create catalog objects: {@code CREATE [EXTERNAL] TABLE}, {@code CREATE DATABASE|SCHEMA}
 * and {@code CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW} (see {@link SqlTableStatement} for their syntax), and the
 * column definitions {@code ALTER TABLE .. ADD COLUMNS} shares with {@code CREATE TABLE}.
 */
final class CreateStatementWords {
  private CreateStatementWords() {}

  /**
   * The statement starting with {@code CREATE} at word 0, or null for a CREATE of another object (a function).
   *
   * @throws ParseException when it does not follow its syntax
   */
  static SqlTableStatement read(StatementTokens t) {
    Token second = t.at(1);
    Token third = t.at(2);
    if (second != null && (second.is("TABLE") || second.is("EXTERNAL") && third != null && third.is("TABLE"))) {
      return createTable(t);
    }
    if (second != null && (second.is("DATABASE") || second.is("SCHEMA"))) {
      return createDatabase(t);
    }
    if (isCreateView(t)) {
      return createView(t);
    }
    return null;
  }

  private static SqlTableStatement createTable(StatementTokens t) {
    t.seek(t.peekAt(1, "EXTERNAL") ? 3 : 2);
    boolean ifNotExists = t.ifClause("NOT");
    String name = t.name();
    List<SqlTableStatement.ColumnDefinition> columns = null;
    if (t.peekSymbol("(")) {
      int close = t.closing(t.pos());
      t.seek(t.pos() + 1);
      columns = columns(t, close);
      t.seek(close + 1);
    }
    String format = null;
    Map<String, String> options = new LinkedHashMap<>();
    List<String> partitionBy = new ArrayList<>();
    String location = null;
    String comment = null;
    Map<String, String> properties = new LinkedHashMap<>();
    while (!t.atEnd()) {
      if (t.accept("USING")) {
        format = t.next("a data source name").text();
      } else if (t.accept("OPTIONS")) {
        options.putAll(t.properties());
      } else if (t.accept("TBLPROPERTIES")) {
        properties.putAll(t.properties());
      } else if (t.accept("PARTITIONED")) {
        t.expect("BY");
        partitionBy.addAll(nameList(t));
      } else if (t.accept("LOCATION")) {
        location = t.string();
      } else if (t.accept("COMMENT")) {
        comment = t.string();
      } else if (t.peek("CLUSTERED") || t.peek("SORTED") || t.peek("ROW") || t.peek("STORED")) {
        throw SqlUnsupported.of("the CREATE TABLE clause " + t.current().text().toUpperCase(Locale.ROOT));
      } else {
        break;
      }
    }
    t.accept("AS");
    String query = null;
    if (!t.atEnd() && !t.peekSymbol(";")) {
      query = t.restAsQuery();
    }
    return new SqlTableStatement.CreateTable(name, ifNotExists, columns, format, options, partitionBy, location,
        comment, query, properties);
  }

  /** The column definitions from the cursor to the closing parenthesis at word {@code close}. */
  static List<SqlTableStatement.ColumnDefinition> columns(StatementTokens t, int close) {
    List<SqlTableStatement.ColumnDefinition> out = new ArrayList<>();
    while (t.pos() < close) {
      String name = t.next("a column name").text();
      int typeStart = t.pos();
      int depth = 0;
      while (t.pos() < close) {
        Token w = t.current();
        boolean word = !w.quoted() && !w.string();
        if (word && (w.text().equals("(") || w.text().equals("<"))) {
          depth++;
        } else if (word && (w.text().equals(")") || w.text().equals(">"))) {
          depth--;
        } else if (depth == 0 && (w.isSymbol(",") || w.is("NOT") || w.is("COMMENT") || w.is("DEFAULT")
            || w.is("GENERATED"))) {
          break;
        }
        t.seek(t.pos() + 1);
      }
      if (t.pos() == typeStart) {
        throw t.error();
      }
      String type = t.sql().substring(t.at(typeStart).start(), t.at(t.pos() - 1).end());
      boolean nullable = true;
      while (t.pos() < close && !t.peekSymbol(",")) {
        if (t.accept("NOT")) {
          t.expect("NULL");
          nullable = false;
        } else if (t.accept("COMMENT")) {
          t.string();
        } else {
          throw SqlUnsupported.of("the column clause " + t.current().text().toUpperCase(Locale.ROOT));
        }
      }
      out.add(new SqlTableStatement.ColumnDefinition(name, type, nullable));
      if (t.pos() < close) {
        t.expectSymbol(",");
      }
    }
    if (out.isEmpty()) {
      throw t.error();
    }
    return out;
  }

  /** {@code (c, ...)} of PARTITIONED BY: names only. */
  private static List<String> nameList(StatementTokens t) {
    t.expectSymbol("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(t.next("a column name").text());
      if (!t.peekSymbol(",") && !t.peekSymbol(")")) {
        throw SqlUnsupported.of("PARTITIONED BY with column types (name the table's columns only)");
      }
    } while (t.acceptSymbol(","));
    t.expectSymbol(")");
    return names;
  }

  /** {@code CREATE DATABASE|SCHEMA [IF NOT EXISTS] db [COMMENT 'c'] [LOCATION 'path'] [WITH DBPROPERTIES (..)]}. */
  private static SqlTableStatement createDatabase(StatementTokens t) {
    t.seek(2);
    boolean ifNotExists = t.ifClause("NOT");
    String name = t.name();
    String location = null;
    String comment = null;
    while (!t.atEnd() && !t.peekSymbol(";")) {
      if (t.accept("COMMENT")) {
        comment = t.string();
      } else if (t.accept("LOCATION")) {
        location = t.string();
      } else if (t.accept("WITH")) {
        t.expect("DBPROPERTIES");
        t.properties();
      } else {
        throw t.error();
      }
    }
    t.skipTrailing();
    return new SqlTableStatement.CreateDatabase(name, ifNotExists, location, comment);
  }

  /** Whether this is {@code CREATE [OR REPLACE] [GLOBAL] [TEMP|TEMPORARY] VIEW}. */
  private static boolean isCreateView(StatementTokens t) {
    int i = 1;
    if (t.peekAt(i, "OR") && t.peekAt(i + 1, "REPLACE")) {
      i += 2;
    }
    if (t.peekAt(i, "GLOBAL")) {
      i++;
    }
    if (t.peekAt(i, "TEMP") || t.peekAt(i, "TEMPORARY")) {
      i++;
    }
    return t.peekAt(i, "VIEW");
  }

  private static SqlTableStatement createView(StatementTokens t) {
    t.seek(1);
    boolean replace = false;
    if (t.accept("OR")) {
      t.expect("REPLACE");
      replace = true;
    }
    boolean global = t.accept("GLOBAL");
    boolean temporary = t.accept("TEMP") || t.accept("TEMPORARY");
    if (global && !temporary) {
      throw t.error();
    }
    t.expect("VIEW");
    boolean ifNotExists = t.ifClause("NOT");
    if (replace && ifNotExists) {
      throw new io.ember.core.errors.AnalysisException("_LEGACY_ERROR_TEMP_0052", "CREATE VIEW with both IF NOT"
          + " EXISTS and REPLACE is not allowed.");
    }
    String name = t.name();
    if (t.peekSymbol("(")) {
      throw SqlUnsupported.of("CREATE VIEW with a column list (alias the query's columns instead)");
    }
    String comment = null;
    Map<String, String> properties = new LinkedHashMap<>();
    while (!t.peek("AS")) {
      if (t.accept("COMMENT")) {
        comment = t.string();
      } else if (t.accept("TBLPROPERTIES")) {
        properties.putAll(t.properties());
      } else {
        throw t.error();
      }
    }
    t.expect("AS");
    if (t.atEnd()) {
      throw t.error();
    }
    return new SqlTableStatement.CreateView(name, replace, ifNotExists, temporary, global, comment, properties,
        t.restAsQuery());
  }
}
