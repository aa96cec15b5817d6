package io.ember.api.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's SQL statements over persistent tables, parsed from the statement's words (the query inside one is left
 * to the query parser): {@code CREATE [EXTERNAL] TABLE [IF NOT EXISTS] t [(columns)] [USING format]
 * [OPTIONS (k 'v', ...)] [PARTITIONED BY (c, ...)] [LOCATION 'path'] [COMMENT 'text'] [TBLPROPERTIES (...)]
 * [[AS] query]}, {@code CREATE DATABASE|SCHEMA [IF NOT EXISTS] db}, {@code DROP TABLE|VIEW [IF EXISTS] t [PURGE]},
 * {@code INSERT INTO|OVERWRITE [TABLE] t query|VALUES (..), ..}, {@code SHOW TABLES [FROM|IN db] [[LIKE] 'pattern']},
 * {@code SHOW DATABASES|SCHEMAS [[LIKE] 'pattern']} and {@code DESCRIBE|DESC [TABLE] [EXTENDED|FORMATTED] t}.
 */
public sealed interface SqlTableStatement {
  /**
   * {@code CREATE TABLE}.
   *
   * @param columns the column list, or null (CTAS, or a schema read from LOCATION's files)
   * @param format the {@code USING} format, or null for {@code spark.sql.sources.default}
   * @param query the query of {@code AS query} (positions as in the statement), or null
   */
  record CreateTable(String name, boolean ifNotExists, List<ColumnDefinition> columns, String format, Map<String, String> options,
      List<String> partitionBy, String location, String comment, String query) implements SqlTableStatement {}

  /**
   * One column of {@code CREATE TABLE t (...)}: {@code name type [NOT NULL] [COMMENT 'text']}.
   *
   * @param type the type as written ({@code INT}, {@code DECIMAL(10, 2)}, {@code ARRAY<STRUCT<a: INT>>})
   */
  record ColumnDefinition(String name, String type, boolean nullable) {}

  /** {@code CREATE DATABASE}. */
  record CreateDatabase(String name, boolean ifNotExists) implements SqlTableStatement {}

  /** {@code DROP TABLE} or ({@code view}) {@code DROP VIEW}. */
  record Drop(String name, boolean ifExists, boolean view) implements SqlTableStatement {}

  /** {@code INSERT INTO} or ({@code overwrite}) {@code INSERT OVERWRITE}; {@code query} is a query's text. */
  record Insert(String name, boolean overwrite, String query) implements SqlTableStatement {}

  /** {@code SHOW TABLES}; {@code database} and {@code pattern} may be null. */
  record ShowTables(String database, String pattern) implements SqlTableStatement {}

  /** {@code SHOW DATABASES}; {@code pattern} may be null. */
  record ShowDatabases(String pattern) implements SqlTableStatement {}

  /** {@code DESCRIBE TABLE}. */
  record Describe(String name, boolean extended) implements SqlTableStatement {}

  /**
   * The statement {@code sql} is, or null when it is none of these (a query, or another statement).
   *
   * @throws ParseException for one of these statements that does not follow its syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for a clause Ember does not run
   */
  static SqlTableStatement parse(String sql) {
    return new SqlStatementWords(sql).statement();
  }

  /** Spark's {@code LIKE} pattern of SHOW: {@code *} any characters, {@code |} alternatives, case-insensitive. */
  static boolean matchesPattern(String name, String pattern) {
    if (pattern == null) {
      return true;
    }
    for (String alt : pattern.split("\\|")) {
      String regex = alt.trim().toLowerCase(Locale.ROOT).replace(".", "\\.").replace("*", ".*");
      if (name.toLowerCase(Locale.ROOT).matches(regex)) {
        return true;
      }
    }
    return false;
  }
}
