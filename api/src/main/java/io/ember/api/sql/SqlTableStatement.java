package io.ember.api.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's SQL statements over persistent tables, parsed from the statement's words (the query inside one is left
 * to the query parser): {@code CREATE [EXTERNAL] TABLE [IF NOT EXISTS] t [(columns)] [USING format]
 * [OPTIONS (k 'v', ...)] [PARTITIONED BY (c, ...)] [LOCATION 'path'] [COMMENT 'text'] [TBLPROPERTIES (...)]
 * [[AS] query]}, {@code CREATE TABLE [IF NOT EXISTS] t LIKE source [USING format] [TBLPROPERTIES (..)]
 * [LOCATION 'path']}, {@code [CREATE OR] REPLACE TABLE ..}, {@code CREATE DATABASE|SCHEMA [IF NOT EXISTS] db
 * [COMMENT 'c'] [LOCATION 'path'] [WITH DBPROPERTIES (..)]}, {@code ALTER DATABASE|SCHEMA db SET DBPROPERTIES (..)},
 * {@code DROP DATABASE|SCHEMA [IF EXISTS] db [RESTRICT|CASCADE]}, {@code USE [DATABASE|SCHEMA] db},
 * {@code CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW [IF NOT EXISTS] v [(c [COMMENT 'c'], ..)] [COMMENT 'c']
 * [TBLPROPERTIES (..)] AS query}, {@code ALTER VIEW v AS query}, {@code ALTER TABLE t ALTER|CHANGE [COLUMN] c ..},
 * {@code ALTER TABLE t RENAME COLUMN c TO d}, {@code ALTER TABLE t DROP COLUMN[S] c, ..},
 * {@code DROP TABLE|VIEW [IF EXISTS] t [PURGE]}, {@code INSERT INTO|OVERWRITE [TABLE] t [PARTITION (p = v, q)]
 * [(c, ...)] query|VALUES (..), ..}, {@code TRUNCATE TABLE t [PARTITION (..)]}, {@code ALTER TABLE|VIEW t RENAME TO
 * t2}, {@code ALTER TABLE t ADD COLUMN[S] (c type, ..)}, {@code ALTER TABLE|VIEW t SET|UNSET TBLPROPERTIES (..)},
 * {@code ALTER TABLE t ADD|DROP [IF [NOT] EXISTS] PARTITION (..), ..}, {@code SHOW TABLES [FROM|IN db]
 * [[LIKE] 'pattern']}, {@code SHOW VIEWS [FROM|IN db] [[LIKE] 'pattern']}, {@code SHOW DATABASES|SCHEMAS
 * [[LIKE] 'pattern']}, {@code SHOW CREATE TABLE t}, {@code SHOW PARTITIONS t [PARTITION (..)]}, {@code SHOW COLUMNS
 * FROM|IN t [FROM|IN db]}, {@code SHOW TBLPROPERTIES t [('key')]}, {@code DESCRIBE|DESC [TABLE]
 * [EXTENDED|FORMATTED] t} and {@code DESCRIBE DATABASE|SCHEMA [EXTENDED] db}. Partition values are kept as their text ({@code 'x'} as x, {@code 7} as 7).
 */
public sealed interface SqlTableStatement {
  /**
   * {@code CREATE TABLE}.
   *
   * @param columns the column list, or null (CTAS, or a schema read from LOCATION's files)
   * @param format the {@code USING} format, or null for {@code spark.sql.sources.default}
   * @param query the query of {@code AS query} (positions as in the statement), or null
   * @param properties the {@code TBLPROPERTIES}
   */
  record CreateTable(String name, boolean ifNotExists, List<ColumnDefinition> columns, String format, Map<String, String> options,
      List<String> partitionBy, String location, String comment, String query, Map<String, String> properties)
      implements SqlTableStatement {}

  /**
   * One column of {@code CREATE TABLE t (...)}: {@code name type [NOT NULL] [COMMENT 'text']}.
   *
   * @param type the type as written ({@code INT}, {@code DECIMAL(10, 2)}, {@code ARRAY<STRUCT<a: INT>>})
   * @param comment the column's comment, or null
   */
  record ColumnDefinition(String name, String type, boolean nullable, String comment) {
    /** A column without a comment. */
    public ColumnDefinition(String name, String type, boolean nullable) {
      this(name, type, nullable, null);
    }
  }

  /**
   * {@code CREATE OR REPLACE TABLE} or {@code REPLACE TABLE} ({@code asSelect} with a query). Spark runs these only
   * for tables of a v2 data source; the session catalog's file tables (every table Ember has) refuse them.
   */
  record ReplaceTable(String name, boolean asSelect) implements SqlTableStatement {}

  /**
   * {@code CREATE TABLE [IF NOT EXISTS] t LIKE source [USING format] [TBLPROPERTIES (..)] [LOCATION 'path']}.
   *
   * @param format the {@code USING} format, or null for the source's
   * @param location the {@code LOCATION} (an external table), or null (a managed one)
   */
  record CreateTableLike(String name, String source, boolean ifNotExists, String format, String location,
      Map<String, String> properties) implements SqlTableStatement {}

  /**
   * {@code CREATE DATABASE}; {@code location} and {@code comment} may be null.
   *
   * @param properties the {@code WITH DBPROPERTIES|PROPERTIES (..)}, empty without them
   */
  record CreateDatabase(String name, boolean ifNotExists, String location, String comment,
      Map<String, String> properties) implements SqlTableStatement {
    /** A database without properties. */
    public CreateDatabase(String name, boolean ifNotExists, String location, String comment) {
      this(name, ifNotExists, location, comment, Map.of());
    }
  }

  /** {@code ALTER DATABASE|SCHEMA|NAMESPACE db SET DBPROPERTIES|PROPERTIES (..)}. */
  record AlterDatabaseProperties(String name, Map<String, String> properties) implements SqlTableStatement {}

  /** {@code DROP DATABASE}. */
  record DropDatabase(String name, boolean ifExists, boolean cascade) implements SqlTableStatement {}

  /** {@code USE db}. */
  record Use(String database) implements SqlTableStatement {}

  /**
   * {@code CREATE VIEW}: persistent, or ({@code temporary}) a temporary view of the session, or ({@code global}) a
   * global temporary one; {@code query} is the query's text (positions as in the statement).
   *
   * @param columns the column list {@code (c [COMMENT 'text'], ..)} naming the query's columns in order, or null
   */
  record CreateView(String name, boolean replace, boolean ifNotExists, boolean temporary, boolean global,
      String comment, Map<String, String> properties, String query, List<ViewColumn> columns)
      implements SqlTableStatement {}

  /** One column of a view's column list; {@code comment} may be null. */
  record ViewColumn(String name, String comment) {}

  /** {@code ALTER VIEW v [AS] query}: the view's new query (positions as in the statement). */
  record AlterViewAs(String name, String query) implements SqlTableStatement {}

  /** {@code TRUNCATE TABLE}; {@code partition} is empty for the whole table. */
  record Truncate(String name, Map<String, String> partition) implements SqlTableStatement {}

  /** {@code ALTER TABLE|VIEW t RENAME TO newName}. */
  record Rename(String name, String newName, boolean view) implements SqlTableStatement {}

  /** {@code ALTER TABLE t ADD COLUMNS}. */
  record AddColumns(String name, List<ColumnDefinition> columns) implements SqlTableStatement {}

  /**
   * {@code ALTER TABLE t ALTER|CHANGE [COLUMN] c [TYPE type] [COMMENT 'text'] ..}, or Hive's {@code CHANGE [COLUMN]
   * c newName type [COMMENT 'text']}.
   *
   * @param column the column as written (a qualified {@code a.b} names a nested field)
   * @param newName Hive's form's new name, or null
   * @param type the new type as written, or null to keep it
   * @param comment the new comment, or null to keep it
   * @param refused a clause Spark runs only for v2 tables ({@code ALTER COLUMN ... SET NOT NULL},
   *     {@code ALTER COLUMN ... FIRST | AFTER}, ..), or null
   */
  record AlterColumn(String name, String column, String newName, String type, String comment, String refused)
      implements SqlTableStatement {}

  /** {@code ALTER TABLE t RENAME COLUMN c TO d}, which Spark runs only for v2 tables. */
  record RenameColumn(String name, String column, String newName) implements SqlTableStatement {}

  /** {@code ALTER TABLE t DROP COLUMN[S] [IF EXISTS] c, ..}, which Spark runs only for v2 tables. */
  record DropColumns(String name, List<String> columns, boolean ifExists) implements SqlTableStatement {}

  /** {@code ALTER TABLE|VIEW t SET TBLPROPERTIES}. */
  record SetProperties(String name, boolean view, Map<String, String> properties) implements SqlTableStatement {}

  /** {@code ALTER TABLE|VIEW t UNSET TBLPROPERTIES [IF EXISTS]}. */
  record UnsetProperties(String name, boolean view, List<String> keys, boolean ifExists)
      implements SqlTableStatement {}

  /** {@code ALTER TABLE t ADD|DROP PARTITION}: {@code add} false drops. */
  record AlterPartitions(String name, boolean add, boolean ifClause, List<Map<String, String>> partitions)
      implements SqlTableStatement {}

  /** {@code SHOW CREATE TABLE}. */
  record ShowCreateTable(String name) implements SqlTableStatement {}

  /** {@code SHOW PARTITIONS}; {@code partition} (a partial spec) is empty for every partition. */
  record ShowPartitions(String name, Map<String, String> partition) implements SqlTableStatement {}

  /** {@code SHOW COLUMNS}. */
  record ShowColumns(String name) implements SqlTableStatement {}

  /** {@code SHOW VIEWS}; {@code database} and {@code pattern} may be null. */
  record ShowViews(String database, String pattern) implements SqlTableStatement {}

  /** {@code SHOW TBLPROPERTIES}; {@code key} is null for every property. */
  record ShowProperties(String name, String key) implements SqlTableStatement {}

  /** {@code DROP TABLE} or ({@code view}) {@code DROP VIEW}. */
  record Drop(String name, boolean ifExists, boolean view) implements SqlTableStatement {}

  /**
   * {@code INSERT INTO} or ({@code overwrite}) {@code INSERT OVERWRITE}; {@code query} is a query's text.
   *
   * @param columns the column list, or null for the table's columns in order
   * @param partition the {@code PARTITION} clause in order: a value's text, or null for a dynamic partition column;
   *     empty without the clause
   */
  record Insert(String name, boolean overwrite, String query, List<String> columns, Map<String, String> partition)
      implements SqlTableStatement {
    /** An insert without a column list or a partition clause. */
    public Insert(String name, boolean overwrite, String query) {
      this(name, overwrite, query, null, Map.of());
    }
  }

  /** {@code SHOW TABLES}; {@code database} and {@code pattern} may be null. */
  record ShowTables(String database, String pattern) implements SqlTableStatement {}

  /** {@code SHOW DATABASES}; {@code pattern} may be null. */
  record ShowDatabases(String pattern) implements SqlTableStatement {}

  /** {@code DESCRIBE DATABASE|SCHEMA [EXTENDED] db}. */
  record DescribeDatabase(String name, boolean extended) implements SqlTableStatement {}

  /** {@code DESCRIBE TABLE}. */
  record Describe(String name, boolean extended) implements SqlTableStatement {}

  /**
   * The statement {@code sql} is, or null when it is none of these (a query, or another statement).
   *
   * @throws ParseException for one of these statements that does not follow its syntax
   * @throws io.ember.core.errors.AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for a clause Ember does not run
   */
  static SqlTableStatement parse(String sql) {
    return SqlStatementWords.parse(sql);
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
