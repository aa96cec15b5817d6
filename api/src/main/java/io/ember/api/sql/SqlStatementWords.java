package io.ember.api.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the words of a {@link SqlTableStatement}: identifiers (backticks quote), string literals, numbers and
 * punctuation, skipping comments; the query inside a statement is cut out of the text with its positions kept (the
 * words before it become blanks), so the query parser's errors point into the statement the user wrote.
 */
final class SqlStatementWords {
  private record Token(String text, int start, int end, boolean quoted, boolean string) {
    boolean is(String word) {
      return !quoted && !string && text.equalsIgnoreCase(word);
    }
  }

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  SqlStatementWords(String sql) {
    this.sql = sql;
    tokenize();
  }

  SqlTableStatement statement() {
    if (tokens.isEmpty()) {
      return null;
    }
    if (peek("CREATE")) {
      Token second = at(1);
      Token third = at(2);
      if (second != null && (second.is("TABLE") || second.is("EXTERNAL") && third != null && third.is("TABLE"))) {
        return createTable();
      }
      if (second != null && (second.is("DATABASE") || second.is("SCHEMA"))) {
        return createDatabase();
      }
      if (isCreateView()) {
        return createView();
      }
      return null;
    }
    if (peek("DROP") && at(1) != null && (at(1).is("DATABASE") || at(1).is("SCHEMA"))) {
      pos = 2;
      boolean ifExists = ifClause(null);
      String name = name();
      boolean cascade = accept("CASCADE");
      if (!cascade) {
        accept("RESTRICT");
      }
      skipTrailing();
      return new SqlTableStatement.DropDatabase(name, ifExists, cascade);
    }
    if (peek("USE")) {
      pos = 1;
      if ((peek("DATABASE") || peek("SCHEMA") || peek("NAMESPACE")) && at(2) != null && !at(2).text().equals(";")) {
        pos++;
      }
      String name = name();
      skipTrailing();
      return new SqlTableStatement.Use(name);
    }
    if (peek("TRUNCATE")) {
      pos = 1;
      expect("TABLE");
      String name = name();
      Map<String, String> partition = peek("PARTITION") ? partitionSpec(false) : Map.of();
      skipTrailing();
      return new SqlTableStatement.Truncate(name, partition);
    }
    if (peek("ALTER") && at(1) != null && (at(1).is("TABLE") || at(1).is("VIEW"))) {
      return alter();
    }
    if (peek("SHOW") && at(1) != null && (at(1).is("CREATE") || at(1).is("PARTITIONS") || at(1).is("COLUMNS")
        || at(1).is("VIEWS") || at(1).is("TBLPROPERTIES"))) {
      return show();
    }
    if (peek("DROP") && at(1) != null && (at(1).is("TABLE") || at(1).is("VIEW"))) {
      boolean view = at(1).is("VIEW");
      pos = 2;
      boolean ifExists = ifClause(null);
      String name = name();
      accept("PURGE");
      skipTrailing();
      return new SqlTableStatement.Drop(name, ifExists, view);
    }
    if (peek("INSERT")) {
      return insert();
    }
    if (peek("SHOW") && at(1) != null && at(1).is("TABLES")) {
      pos = 2;
      String db = accept("FROM") || accept("IN") ? name() : null;
      accept("LIKE");
      String pattern = pos < tokens.size() && tokens.get(pos).string() ? tokens.get(pos++).text() : null;
      skipTrailing();
      return new SqlTableStatement.ShowTables(db, pattern);
    }
    if (peek("SHOW") && at(1) != null && (at(1).is("DATABASES") || at(1).is("SCHEMAS"))) {
      pos = 2;
      accept("LIKE");
      String pattern = pos < tokens.size() && tokens.get(pos).string() ? tokens.get(pos++).text() : null;
      skipTrailing();
      return new SqlTableStatement.ShowDatabases(pattern);
    }
    if (peek("DESCRIBE") || peek("DESC")) {
      pos = 1;
      if (at(1) != null && (at(1).is("DATABASE") || at(1).is("SCHEMA") || at(1).is("NAMESPACE"))) {
        pos = 2;
        boolean extended = accept("EXTENDED");
        String name = name();
        skipTrailing();
        return new SqlTableStatement.DescribeDatabase(name, extended);
      }
      if (at(1) != null && (at(1).is("FUNCTION") || at(1).is("QUERY") || at(1).is("CATALOG"))) {
        throw SqlUnsupported.of("DESCRIBE " + at(1).text().toUpperCase(Locale.ROOT));
      }
      accept("TABLE");
      boolean extended = accept("EXTENDED") || accept("FORMATTED");
      String name = name();
      skipTrailing();
      return new SqlTableStatement.Describe(name, extended);
    }
    return null;
  }

  private SqlTableStatement createTable() {
    pos = peekAt(1, "EXTERNAL") ? 3 : 2;
    boolean ifNotExists = ifClause("NOT");
    String name = name();
    List<SqlTableStatement.ColumnDefinition> columns = null;
    if (peekSymbol("(")) {
      int close = closing(pos);
      pos++;
      columns = columns(close);
      pos = close + 1;
    }
    String format = null;
    Map<String, String> options = new LinkedHashMap<>();
    List<String> partitionBy = new ArrayList<>();
    String location = null;
    String comment = null;
    Map<String, String> properties = new LinkedHashMap<>();
    while (pos < tokens.size()) {
      if (accept("USING")) {
        format = next("a data source name").text();
      } else if (accept("OPTIONS")) {
        options.putAll(properties());
      } else if (accept("TBLPROPERTIES")) {
        properties.putAll(properties());
      } else if (accept("PARTITIONED")) {
        expect("BY");
        partitionBy.addAll(nameList());
      } else if (accept("LOCATION")) {
        location = string();
      } else if (accept("COMMENT")) {
        comment = string();
      } else if (peek("CLUSTERED") || peek("SORTED") || peek("ROW") || peek("STORED")) {
        throw SqlUnsupported.of("the CREATE TABLE clause " + tokens.get(pos).text().toUpperCase(Locale.ROOT));
      } else {
        break;
      }
    }
    accept("AS");
    String query = null;
    if (pos < tokens.size() && !peekSymbol(";")) {
      query = blankedFrom(tokens.get(pos).start());
    }
    return new SqlTableStatement.CreateTable(name, ifNotExists, columns, format, options, partitionBy, location,
        comment, query, properties);
  }

  /** The column definitions from here to the closing parenthesis at {@code close}. */
  private List<SqlTableStatement.ColumnDefinition> columns(int close) {
    List<SqlTableStatement.ColumnDefinition> out = new ArrayList<>();
    while (pos < close) {
      String name = next("a column name").text();
      int typeStart = pos;
      int depth = 0;
      while (pos < close) {
        Token t = tokens.get(pos);
        boolean word = !t.quoted() && !t.string();
        if (word && (t.text().equals("(") || t.text().equals("<"))) {
          depth++;
        } else if (word && (t.text().equals(")") || t.text().equals(">"))) {
          depth--;
        } else if (depth == 0 && (word && t.text().equals(",") || t.is("NOT") || t.is("COMMENT")
            || t.is("DEFAULT") || t.is("GENERATED"))) {
          break;
        }
        pos++;
      }
      if (pos == typeStart) {
        throw error();
      }
      String type = sql.substring(tokens.get(typeStart).start(), tokens.get(pos - 1).end());
      boolean nullable = true;
      while (pos < close && !peekSymbol(",")) {
        if (accept("NOT")) {
          expect("NULL");
          nullable = false;
        } else if (accept("COMMENT")) {
          string();
        } else {
          throw SqlUnsupported.of("the column clause " + tokens.get(pos).text().toUpperCase(Locale.ROOT));
        }
      }
      out.add(new SqlTableStatement.ColumnDefinition(name, type, nullable));
      if (pos < close) {
        expectSymbol(",");
      }
    }
    if (out.isEmpty()) {
      throw error();
    }
    return out;
  }

  private SqlTableStatement insert() {
    pos = 1;
    boolean overwrite;
    if (accept("INTO")) {
      overwrite = false;
    } else if (accept("OVERWRITE")) {
      overwrite = true;
    } else {
      throw error();
    }
    accept("TABLE");
    String name = name();
    Map<String, String> partition = peek("PARTITION") ? partitionSpec(true) : Map.of();
    if (peek("IF") && !partition.isEmpty()) {
      throw SqlUnsupported.of("INSERT ... PARTITION (..) IF NOT EXISTS");
    }
    if (peek("BY") || peek("REPLACE")) {
      throw SqlUnsupported.of("INSERT " + tokens.get(pos).text().toUpperCase(Locale.ROOT));
    }
    List<String> columns = null;
    if (peekSymbol("(") && pos + 1 < tokens.size()
        && !(tokens.get(pos + 1).is("SELECT") || tokens.get(pos + 1).is("WITH") || tokens.get(pos + 1).is("VALUES")
        || tokens.get(pos + 1).text().equals("("))) {
      columns = new ArrayList<>();
      pos++;
      do {
        columns.add(name());
      } while (acceptSymbol(","));
      expectSymbol(")");
    }
    if (pos >= tokens.size()) {
      throw error();
    }
    if (accept("VALUES")) {
      return new SqlTableStatement.Insert(name, overwrite, valuesAsSelect(), columns, partition);
    }
    return new SqlTableStatement.Insert(name, overwrite, blankedFrom(tokens.get(pos).start()), columns, partition);
  }

  /**
   * {@code PARTITION (p = value, ...)}: each value's text in order ({@code 'x'} as x); with {@code dynamic}, a
   * column without a value maps to null.
   */
  private Map<String, String> partitionSpec(boolean dynamic) {
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

  /** {@code CREATE DATABASE|SCHEMA [IF NOT EXISTS] db [COMMENT 'c'] [LOCATION 'path'] [WITH DBPROPERTIES (..)]}. */
  private SqlTableStatement createDatabase() {
    pos = 2;
    boolean ifNotExists = ifClause("NOT");
    String name = name();
    String location = null;
    String comment = null;
    while (pos < tokens.size() && !peekSymbol(";")) {
      if (accept("COMMENT")) {
        comment = string();
      } else if (accept("LOCATION")) {
        location = string();
      } else if (accept("WITH")) {
        expect("DBPROPERTIES");
        properties();
      } else {
        throw error();
      }
    }
    skipTrailing();
    return new SqlTableStatement.CreateDatabase(name, ifNotExists, location, comment);
  }

  /** Whether this is {@code CREATE [OR REPLACE] [GLOBAL] [TEMP|TEMPORARY] VIEW}. */
  private boolean isCreateView() {
    int i = 1;
    if (peekAt(i, "OR") && peekAt(i + 1, "REPLACE")) {
      i += 2;
    }
    if (peekAt(i, "GLOBAL")) {
      i++;
    }
    if (peekAt(i, "TEMP") || peekAt(i, "TEMPORARY")) {
      i++;
    }
    return peekAt(i, "VIEW");
  }

  private SqlTableStatement createView() {
    pos = 1;
    boolean replace = false;
    if (accept("OR")) {
      expect("REPLACE");
      replace = true;
    }
    boolean global = accept("GLOBAL");
    boolean temporary = accept("TEMP") || accept("TEMPORARY");
    if (global && !temporary) {
      throw error();
    }
    expect("VIEW");
    boolean ifNotExists = ifClause("NOT");
    if (replace && ifNotExists) {
      throw new io.ember.core.errors.AnalysisException("_LEGACY_ERROR_TEMP_0052", "CREATE VIEW with both IF NOT"
          + " EXISTS and REPLACE is not allowed.");
    }
    String name = name();
    if (peekSymbol("(")) {
      throw SqlUnsupported.of("CREATE VIEW with a column list (alias the query's columns instead)");
    }
    String comment = null;
    Map<String, String> properties = new LinkedHashMap<>();
    while (!peek("AS")) {
      if (accept("COMMENT")) {
        comment = string();
      } else if (accept("TBLPROPERTIES")) {
        properties.putAll(properties());
      } else {
        throw error();
      }
    }
    expect("AS");
    if (pos >= tokens.size()) {
      throw error();
    }
    return new SqlTableStatement.CreateView(name, replace, ifNotExists, temporary, global, comment, properties,
        blankedFrom(tokens.get(pos).start()));
  }

  private SqlTableStatement alter() {
    boolean view = at(1).is("VIEW");
    pos = 2;
    String name = name();
    if (accept("RENAME")) {
      expect("TO");
      String to = name();
      skipTrailing();
      return new SqlTableStatement.Rename(name, to, view);
    }
    if (accept("SET")) {
      expect("TBLPROPERTIES");
      Map<String, String> props = properties();
      skipTrailing();
      return new SqlTableStatement.SetProperties(name, view, props);
    }
    if (accept("UNSET")) {
      expect("TBLPROPERTIES");
      boolean ifExists = ifClause(null);
      List<String> keys = new ArrayList<>(properties(true).keySet());
      skipTrailing();
      return new SqlTableStatement.UnsetProperties(name, view, keys, ifExists);
    }
    if (!view && (peek("ADD") || peek("DROP")) && !(peekAt(pos + 1, "COLUMN") || peekAt(pos + 1, "COLUMNS"))) {
      boolean add = accept("ADD");
      if (!add) {
        expect("DROP");
      }
      boolean ifClause = ifClause(add ? "NOT" : null);
      List<Map<String, String>> partitions = new ArrayList<>();
      do {
        partitions.add(partitionSpec(false));
        if (peek("LOCATION")) {
          throw SqlUnsupported.of("ALTER TABLE ADD PARTITION ... LOCATION (a partition's files lie in its"
              + " directory under the table's)");
        }
      } while (acceptSymbol(",") || peek("PARTITION"));
      accept("PURGE");
      skipTrailing();
      return new SqlTableStatement.AlterPartitions(name, add, ifClause, partitions);
    }
    if (!view && accept("ADD") && (accept("COLUMNS") || accept("COLUMN"))) {
      List<SqlTableStatement.ColumnDefinition> columns;
      if (peekSymbol("(")) {
        int close = closing(pos);
        pos++;
        columns = columns(close);
        pos = close + 1;
      } else {
        columns = columns(tokens.size());
      }
      skipTrailing();
      return new SqlTableStatement.AddColumns(name, columns);
    }
    throw SqlUnsupported.of("ALTER " + (view ? "VIEW" : "TABLE") + " ... " + (pos < tokens.size()
        ? tokens.get(pos).text().toUpperCase(Locale.ROOT) : "") + " (RENAME TO, ADD COLUMNS, SET|UNSET"
        + " TBLPROPERTIES and ADD|DROP PARTITION run)");
  }

  private SqlTableStatement show() {
    pos = 1;
    if (accept("CREATE")) {
      expect("TABLE");
      String name = name();
      if (accept("AS")) {
        throw SqlUnsupported.of("SHOW CREATE TABLE ... AS SERDE");
      }
      skipTrailing();
      return new SqlTableStatement.ShowCreateTable(name);
    }
    if (accept("PARTITIONS")) {
      String name = name();
      Map<String, String> partition = peek("PARTITION") ? partitionSpec(false) : Map.of();
      skipTrailing();
      return new SqlTableStatement.ShowPartitions(name, partition);
    }
    if (accept("COLUMNS")) {
      if (!accept("FROM")) {
        expect("IN");
      }
      String name = name();
      if (accept("FROM") || accept("IN")) {
        String db = name();
        if (name.contains(".") && !name.startsWith(db + ".")) {
          throw new io.ember.core.errors.AnalysisException("SHOW_COLUMNS_WITH_CONFLICT_NAMESPACE", "SHOW COLUMNS"
              + " with conflicting namespaces: `" + db + "` != `" + name.substring(0, name.lastIndexOf('.')) + "`.");
        }
        name = name.contains(".") ? name : db + "." + name;
      }
      skipTrailing();
      return new SqlTableStatement.ShowColumns(name);
    }
    if (accept("VIEWS")) {
      String db = accept("FROM") || accept("IN") ? name() : null;
      accept("LIKE");
      String pattern = pos < tokens.size() && tokens.get(pos).string() ? tokens.get(pos++).text() : null;
      skipTrailing();
      return new SqlTableStatement.ShowViews(db, pattern);
    }
    expect("TBLPROPERTIES");
    String name = name();
    String key = null;
    if (acceptSymbol("(")) {
      StringBuilder k = new StringBuilder(next("a property key").text());
      while (acceptSymbol(".")) {
        k.append('.').append(next("a property key").text());
      }
      key = k.toString();
      expectSymbol(")");
    }
    skipTrailing();
    return new SqlTableStatement.ShowProperties(name, key);
  }

  /** {@code VALUES (a, b), (c, d)} as {@code SELECT a AS col1, b AS col2 UNION ALL SELECT c, d}. */
  private String valuesAsSelect() {
    StringBuilder out = new StringBuilder();
    int row = 0;
    while (pos < tokens.size() && !peekSymbol(";")) {
      if (row > 0) {
        expectSymbol(",");
        out.append(" UNION ALL ");
      }
      List<String> values = new ArrayList<>();
      if (peekSymbol("(")) {
        int close = closing(pos);
        int depth = 0;
        int from = tokens.get(pos).end();
        for (int i = pos + 1; i < close; i++) {
          Token t = tokens.get(i);
          if (!t.quoted() && !t.string() && (t.text().equals("(") || t.text().equals("["))) {
            depth++;
          } else if (!t.quoted() && !t.string() && (t.text().equals(")") || t.text().equals("]"))) {
            depth--;
          } else if (depth == 0 && !t.quoted() && !t.string() && t.text().equals(",")) {
            values.add(sql.substring(from, t.start()));
            from = t.end();
          }
        }
        values.add(sql.substring(from, tokens.get(close).start()));
        pos = close + 1;
      } else {
        Token t = next("a value");
        values.add(sql.substring(t.start(), t.end()));
      }
      out.append("SELECT ");
      for (int i = 0; i < values.size(); i++) {
        out.append(i > 0 ? ", " : "").append(values.get(i).strip());
        if (row == 0) {
          out.append(" AS col").append(i + 1);
        }
      }
      row++;
    }
    if (row == 0) {
      throw error();
    }
    return out.toString();
  }

  /** {@code IF [NOT] EXISTS}: {@code not} is "NOT" for CREATE, null for DROP. */
  private boolean ifClause(String not) {
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
  private String name() {
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

  private List<String> nameList() {
    expectSymbol("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(next("a column name").text());
      if (!peekSymbol(",") && !peekSymbol(")")) {
        throw SqlUnsupported.of("PARTITIONED BY with column types (name the table's columns only)");
      }
    } while (acceptSymbol(","));
    expectSymbol(")");
    return names;
  }

  private Map<String, String> properties() {
    return properties(false);
  }

  /** {@code (k 'v', 'k2' = 'v2')}, or with {@code keysOnly} {@code (k, 'k2')} (values null). */
  private Map<String, String> properties(boolean keysOnly) {
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

  private String string() {
    Token t = next("a string");
    if (!t.string()) {
      throw error(t);
    }
    return t.text();
  }

  private String blankedFrom(int start) {
    StringBuilder b = new StringBuilder(sql);
    for (int i = 0; i < start; i++) {
      if (b.charAt(i) != '\n' && b.charAt(i) != '\r') {
        b.setCharAt(i, ' ');
      }
    }
    return b.toString();
  }

  private int closing(int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (!t.quoted() && !t.string() && t.text().equals("(")) {
        depth++;
      } else if (!t.quoted() && !t.string() && t.text().equals(")") && --depth == 0) {
        return i;
      }
    }
    throw new ParseException("end of input", 1, sql.length(), null);
  }

  private void skipTrailing() {
    acceptSymbol(";");
    if (pos < tokens.size()) {
      throw error(tokens.get(pos));
    }
  }

  private boolean peek(String word) {
    return pos < tokens.size() && tokens.get(pos).is(word);
  }

  private boolean peekAt(int index, String word) {
    return index < tokens.size() && tokens.get(index).is(word);
  }

  private Token at(int index) {
    return index < tokens.size() ? tokens.get(index) : null;
  }

  private boolean peekSymbol(String symbol) {
    return pos < tokens.size() && !tokens.get(pos).quoted() && !tokens.get(pos).string()
        && tokens.get(pos).text().equals(symbol);
  }

  private boolean accept(String word) {
    if (peek(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptSymbol(String symbol) {
    if (peekSymbol(symbol)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw error();
    }
  }

  private void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw error();
    }
  }

  private Token next(String what) {
    if (pos >= tokens.size()) {
      throw new ParseException("end of input", 1, sql.length(), null);
    }
    return tokens.get(pos++);
  }

  private ParseException error() {
    return pos < tokens.size() ? error(tokens.get(pos)) : new ParseException("end of input", 1, sql.length(), null);
  }

  private ParseException error(Token t) {
    String before = sql.substring(0, t.start());
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int col = t.start() - (before.lastIndexOf('\n') + 1);
    return new ParseException(sql.substring(t.start(), t.end()), line, col, null);
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
        StringBuilder text = new StringBuilder();
        int j = i + 1;
        while (j < n) {
          char d = sql.charAt(j);
          if (d == '\\' && c != '`' && j + 1 < n) {
            text.append(sql.charAt(j + 1));
            j += 2;
          } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
            text.append(c);
            j += 2;
          } else if (d == c) {
            break;
          } else {
            text.append(d);
            j++;
          }
        }
        tokens.add(new Token(text.toString(), i, Math.min(j + 1, n), c == '`', c != '`'));
        i = j + 1;
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
}
