package io.ember.api.sql;

import io.ember.core.errors.AnalysisException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the statements that describe the catalog: {@code SHOW TABLES|VIEWS|DATABASES|SCHEMAS|CREATE TABLE|PARTITIONS|
 * COLUMNS|TBLPROPERTIES} and {@code DESCRIBE|DESC [TABLE|DATABASE|SCHEMA] ..} (see {@link SqlTableStatement} for
 * their syntax).
 */
final class ShowStatementWords {
  private ShowStatementWords() {}

  /**
   * The statement at word 0 when it is one of these, else null (another SHOW, such as {@code SHOW FUNCTIONS}).
   *
   * @throws ParseException when it does not follow its syntax
   * @throws AnalysisException {@code UNSUPPORTED_FEATURE.SQL} for {@code DESCRIBE FUNCTION|QUERY|CATALOG} and
   *     {@code SHOW CREATE TABLE .. AS SERDE}; {@code SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE}
   */
  static SqlTableStatement read(StatementTokens t) {
    if (t.peekAt(0, "DESCRIBE") || t.peekAt(0, "DESC")) {
      return describe(t);
    }
    StatementTokens.Token second = t.at(1);
    if (!t.peekAt(0, "SHOW") || second == null) {
      return null;
    }
    if (second.is("CREATE") || second.is("PARTITIONS") || second.is("COLUMNS") || second.is("VIEWS")
        || second.is("TBLPROPERTIES")) {
      return show(t);
    }
    if (second.is("TABLES")) {
      t.seek(2);
      String db = t.accept("FROM") || t.accept("IN") ? t.name() : null;
      t.accept("LIKE");
      String pattern = t.optionalString();
      t.skipTrailing();
      return new SqlTableStatement.ShowTables(db, pattern);
    }
    if (second.is("DATABASES") || second.is("SCHEMAS")) {
      t.seek(2);
      t.accept("LIKE");
      String pattern = t.optionalString();
      t.skipTrailing();
      return new SqlTableStatement.ShowDatabases(pattern);
    }
    return null;
  }

  private static SqlTableStatement describe(StatementTokens t) {
    t.seek(1);
    StatementTokens.Token second = t.at(1);
    if (second != null && (second.is("DATABASE") || second.is("SCHEMA") || second.is("NAMESPACE"))) {
      t.seek(2);
      boolean extended = t.accept("EXTENDED");
      String name = t.name();
      t.skipTrailing();
      return new SqlTableStatement.DescribeDatabase(name, extended);
    }
    if (second != null && (second.is("FUNCTION") || second.is("QUERY") || second.is("CATALOG"))) {
      throw SqlUnsupported.of("DESCRIBE " + second.text().toUpperCase(Locale.ROOT));
    }
    t.accept("TABLE");
    boolean extended = t.accept("EXTENDED") || t.accept("FORMATTED");
    String name = t.name();
    t.skipTrailing();
    return new SqlTableStatement.Describe(name, extended);
  }

  private static SqlTableStatement show(StatementTokens t) {
    t.seek(1);
    if (t.accept("CREATE")) {
      t.expect("TABLE");
      String name = t.name();
      if (t.accept("AS")) {
        throw SqlUnsupported.of("SHOW CREATE TABLE ... AS SERDE");
      }
      t.skipTrailing();
      return new SqlTableStatement.ShowCreateTable(name);
    }
    if (t.accept("PARTITIONS")) {
      String name = t.name();
      Map<String, String> partition = t.peek("PARTITION") ? t.partitionSpec(false) : Map.of();
      t.skipTrailing();
      return new SqlTableStatement.ShowPartitions(name, partition);
    }
    if (t.accept("COLUMNS")) {
      return showColumns(t);
    }
    if (t.accept("VIEWS")) {
      String db = t.accept("FROM") || t.accept("IN") ? t.name() : null;
      t.accept("LIKE");
      String pattern = t.optionalString();
      t.skipTrailing();
      return new SqlTableStatement.ShowViews(db, pattern);
    }
    t.expect("TBLPROPERTIES");
    String name = t.name();
    String key = null;
    if (t.acceptSymbol("(")) {
      StringBuilder k = new StringBuilder(t.next("a property key").text());
      while (t.acceptSymbol(".")) {
        k.append('.').append(t.next("a property key").text());
      }
      key = k.toString();
      t.expectSymbol(")");
    }
    t.skipTrailing();
    return new SqlTableStatement.ShowProperties(name, key);
  }

  /** {@code SHOW COLUMNS FROM|IN t [FROM|IN db]}, after COLUMNS. */
  private static SqlTableStatement showColumns(StatementTokens t) {
    if (!t.accept("FROM")) {
      t.expect("IN");
    }
    String name = t.name();
    if (t.accept("FROM") || t.accept("IN")) {
      String db = t.name();
      if (name.contains(".") && !name.startsWith(db + ".")) {
        throw new AnalysisException("SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE", "SHOW COLUMNS with conflicting"
            + " namespaces: `" + db + "` != `" + name.substring(0, name.lastIndexOf('.')) + "`.");
      }
      name = name.contains(".") ? name : db + "." + name;
    }
    t.skipTrailing();
    return new SqlTableStatement.ShowColumns(name);
  }
}
