package io.ember.api.sql;

import io.ember.api.sql.StatementTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the statements that create catalog objects: {@code CREATE [EXTERNAL] TABLE} (also {@code .. LIKE source}),
 * {@code [CREATE OR] REPLACE TABLE}, {@code CREATE DATABASE|SCHEMA} and
 * {@code CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW} (see {@link SqlTableStatement} for their syntax), and the
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
      return createTable(t, t.peekAt(1, "EXTERNAL") ? 3 : 2);
    }
    if (t.peekAt(1, "OR") && t.peekAt(2, "REPLACE") && t.peekAt(3, "TABLE")) {
      return replaceTable(t, 4);
    }
    if (second != null && (second.is("DATABASE") || second.is("SCHEMA"))) {
      return createDatabase(t);
    }
    if (isCreateView(t)) {
      return createView(t);
    }
    return null;
  }

  /**
   * {@code REPLACE TABLE} (or {@code CREATE OR REPLACE TABLE}) from word {@code start}, after TABLE: read as CREATE
   * TABLE is, so that its syntax is checked.
   */
  static SqlTableStatement replaceTable(StatementTokens t, int start) {
    SqlTableStatement definition = createTable(t, start);
    if (!(definition instanceof SqlTableStatement.CreateTable c)) {
      throw SqlUnsupported.of("REPLACE TABLE ... LIKE");
    }
    if (c.ifNotExists()) {
      throw t.error(t.at(start));
    }
    return new SqlTableStatement.ReplaceTable(c.name(), c.query() != null);
  }

  /** {@code CREATE TABLE} from word {@code start}, after TABLE. */
  private static SqlTableStatement createTable(StatementTokens t, int start) {
    t.seek(start);
    boolean ifNotExists = t.ifClause("NOT");
    String name = t.name();
    if (t.accept("LIKE")) {
      return createTableLike(t, name, ifNotExists);
    }
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

  /** {@code CREATE TABLE t LIKE source [USING format] [TBLPROPERTIES (..)] [LOCATION 'path']}, after LIKE. */
  private static SqlTableStatement createTableLike(StatementTokens t, String name, boolean ifNotExists) {
    String source = t.name();
    String format = null;
    String location = null;
    Map<String, String> properties = new LinkedHashMap<>();
    while (!t.atEnd() && !t.peekSymbol(";")) {
      if (t.accept("USING")) {
        format = t.next("a data source name").text();
      } else if (t.accept("TBLPROPERTIES")) {
        properties.putAll(t.properties());
      } else if (t.accept("LOCATION")) {
        location = t.string();
      } else if (t.peek("ROW") || t.peek("STORED")) {
        throw SqlUnsupported.of("the CREATE TABLE LIKE clause " + t.current().text().toUpperCase(Locale.ROOT)
            + " (Hive tables)");
      } else {
        throw t.error();
      }
    }
    t.skipTrailing();
    return new SqlTableStatement.CreateTableLike(name, source, ifNotExists, format, location, properties);
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
      String comment = null;
      while (t.pos() < close && !t.peekSymbol(",")) {
        if (t.accept("NOT")) {
          t.expect("NULL");
          nullable = false;
        } else if (t.accept("COMMENT")) {
          comment = t.string();
        } else {
          throw SqlUnsupported.of("the column clause " + t.current().text().toUpperCase(Locale.ROOT));
        }
      }
      out.add(new SqlTableStatement.ColumnDefinition(name, type, nullable, comment));
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
    Map<String, String> properties = new LinkedHashMap<>();
    while (!t.atEnd() && !t.peekSymbol(";")) {
      if (t.accept("COMMENT")) {
        comment = t.string();
      } else if (t.accept("LOCATION")) {
        location = t.string();
      } else if (t.accept("WITH")) {
        properties.putAll(databaseProperties(t));
      } else {
        throw t.error();
      }
    }
    t.skipTrailing();
    return new SqlTableStatement.CreateDatabase(name, ifNotExists, location, comment, properties);
  }

  /**
   * {@code DBPROPERTIES|PROPERTIES (k 'v', ..)}: a database's own properties.
   *
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY} for a
   *     property Spark reserves (comment, location, owner), which its clause or the catalog sets
   */
  static Map<String, String> databaseProperties(StatementTokens t) {
    if (!t.accept("PROPERTIES")) {
      t.expect("DBPROPERTIES");
    }
    Map<String, String> properties = t.properties();
    for (String key : properties.keySet()) {
      String how = switch (key.toLowerCase(Locale.ROOT)) {
        case "comment" -> "please use the COMMENT clause to specify it";
        case "location" -> "please use the LOCATION clause to specify it";
        case "owner" -> "it will be set to the current user";
        default -> null;
      };
      if (how != null) {
        throw new io.ember.core.errors.AnalysisException("UNSUPPORTED_FEATURE.SET_NAMESPACE_PROPERTY", "The feature"
            + " is not supported: " + key + " is a reserved namespace property, " + how + ".");
      }
    }
    return properties;
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
    List<SqlTableStatement.ViewColumn> columns = t.peekSymbol("(") ? viewColumns(t) : null;
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
        t.restAsQuery(), columns);
  }

  /** A view's column list {@code (c [COMMENT 'text'], ..)}. */
  private static List<SqlTableStatement.ViewColumn> viewColumns(StatementTokens t) {
    t.expectSymbol("(");
    List<SqlTableStatement.ViewColumn> out = new ArrayList<>();
    do {
      String column = t.next("a column name").text();
      out.add(new SqlTableStatement.ViewColumn(column, t.accept("COMMENT") ? t.string() : null));
    } while (t.acceptSymbol(","));
    t.expectSymbol(")");
    return out;
  }
}
