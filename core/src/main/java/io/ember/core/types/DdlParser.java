package io.ember.core.types;

import io.ember.core.errors.AnalysisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a schema written as Spark's DDL: {@code "a INT, b STRING NOT NULL, c DECIMAL(10,2), d ARRAY<INT>,
 * e STRUCT<x: INT, y: STRING>"}. Names may be quoted with backticks; a {@code COMMENT '...'} is ignored.
 * Simple types are read by {@link DataTypes#parse}.
 */
public final class DdlParser {
  private DdlParser() {}

  /**
   * The schema {@code ddl} describes.
   *
   * @throws AnalysisException {@code PARSE_SYNTAX_ERROR} for a malformed field, {@code UNSUPPORTED_DATATYPE}
   *     for an unknown type name
   */
  public static StructType parseSchema(String ddl) {
    List<StructField> fields = new ArrayList<>();
    for (String part : splitTopLevel(ddl, ',')) {
      if (part.isBlank()) {
        throw syntaxError(ddl, "an empty field");
      }
      fields.add(parseField(part.trim(), ddl, false));
    }
    if (fields.isEmpty()) {
      throw syntaxError(ddl, "end of input");
    }
    return new StructType(fields);
  }

  /** One data type: a simple name, {@code array<T>} or {@code struct<name: T, ...>}, nested as deep as needed. */
  public static DataType parseType(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("array") && t.endsWith(">") && t.substring(5).trim().startsWith("<")) {
      String inner = t.substring(t.indexOf('<') + 1, t.length() - 1);
      return new ArrayType(parseType(inner), true);
    }
    if (lower.startsWith("map") && t.endsWith(">") && t.substring(3).trim().startsWith("<")) {
      List<String> kv = splitTopLevel(t.substring(t.indexOf('<') + 1, t.length() - 1), ',');
      if (kv.size() != 2) {
        throw new AnalysisException("UNSUPPORTED_DATATYPE", "Unsupported data type \"" + t.toUpperCase(Locale.ROOT)
            + "\". A map type is map<keyType, valueType>.");
      }
      return new io.ember.core.types.MapType(parseType(kv.get(0)), parseType(kv.get(1)), true);
    }
    if (lower.startsWith("struct") && t.endsWith(">") && t.substring(6).trim().startsWith("<")) {
      String inner = t.substring(t.indexOf('<') + 1, t.length() - 1);
      List<StructField> fields = new ArrayList<>();
      if (!inner.isBlank()) {
        for (String part : splitTopLevel(inner, ',')) {
          fields.add(parseField(part.trim(), text, true));
        }
      }
      return new StructType(fields);
    }
    try {
      return DataTypes.parse(t);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(
          "UNSUPPORTED_DATATYPE", "Unsupported data type \"" + t.toUpperCase(Locale.ROOT) + "\". " + e.getMessage());
    }
  }

  private static StructField parseField(String text, String whole, boolean inStruct) {
    String name;
    String rest;
    if (text.startsWith("`")) {
      int close = closingBacktick(text);
      if (close < 0) {
        throw syntaxError(whole, text);
      }
      name = text.substring(1, close).replace("``", "`");
      rest = text.substring(close + 1).trim();
    } else {
      int end = 0;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ':') {
        end++;
      }
      name = text.substring(0, end);
      rest = text.substring(end).trim();
    }
    if (inStruct && rest.startsWith(":")) {
      rest = rest.substring(1).trim();
    }
    if (name.isEmpty() || rest.isEmpty()) {
      throw syntaxError(whole, text);
    }
    rest = stripComment(rest);
    boolean nullable = true;
    String upper = rest.toUpperCase(Locale.ROOT);
    if (upper.endsWith("NOT NULL") && upper.length() > "NOT NULL".length()
        && Character.isWhitespace(upper.charAt(upper.length() - "NOT NULL".length() - 1))) {
      nullable = false;
      rest = rest.substring(0, rest.length() - "NOT NULL".length()).trim();
    }
    return new StructField(name, parseType(rest), nullable);
  }

  private static String stripComment(String rest) {
    int depth = 0;
    String upper = rest.toUpperCase(Locale.ROOT);
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (depth == 0 && upper.startsWith("COMMENT", i) && i > 0 && Character.isWhitespace(rest.charAt(i - 1))) {
        return rest.substring(0, i).trim();
      }
    }
    return rest;
  }

  private static int closingBacktick(String text) {
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == '`') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Splits on {@code separator} outside {@code <>}, {@code ()}, backticks and quotes. */
  static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '`' || c == '\'' || c == '"') {
        quote = c;
      } else if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == separator && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0 || quote != 0) {
      throw syntaxError(text, "unbalanced brackets or quotes");
    }
    if (start < text.length() || !parts.isEmpty()) {
      parts.add(text.substring(start));
    }
    return parts;
  }

  /**
   * {@code type} as Spark's SQL type text ({@code DataType.sql}): {@code STRUCT<a: BIGINT, b: ARRAY<STRING>>}, a
   * field name in backticks only where it is not a plain identifier. {@link #parseType} reads it back.
   */
  public static String sql(DataType type) {
    if (type instanceof ArrayType a) {
      return "ARRAY<" + sql(a.elementType()) + ">";
    }
    if (type instanceof MapType m) {
      return "MAP<" + sql(m.keyType()) + ", " + sql(m.valueType()) + ">";
    }
    if (type instanceof StructType st) {
      StringBuilder sb = new StringBuilder("STRUCT<");
      for (int i = 0; i < st.size(); i++) {
        StructField f = st.field(i);
        sb.append(i > 0 ? ", " : "").append(quoteIfNeeded(f.name())).append(": ").append(sql(f.dataType()));
        if (!f.nullable()) {
          sb.append(" NOT NULL");
        }
      }
      return sb.append('>').toString();
    }
    return type.simpleString().toUpperCase(Locale.ROOT);
  }

  private static String quoteIfNeeded(String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  private static AnalysisException syntaxError(String ddl, String near) {
    return new AnalysisException(
        "PARSE_SYNTAX_ERROR",
        "Syntax error at or near '" + near + "' in the schema '" + ddl
            + "'. Expected fields as 'name TYPE', separated by commas, e.g. 'a INT, b STRING'.");
  }
}
