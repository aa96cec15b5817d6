package io.ember.connectors.file;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses a schema in Spark's DDL form: {@code "a INT, b STRING, `c d` DECIMAL(10,2) NOT NULL, e ARRAY<INT>"}. */
public final class DdlSchema {
  private DdlSchema() {}

  /** @throws EmberIllegalArgumentException {@code PARSE_SYNTAX_ERROR} naming the part it could not read */
  public static StructType parse(String ddl) {
    List<StructField> fields = new ArrayList<>();
    for (String part : splitTopLevel(ddl)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String name;
      String rest;
      if (p.startsWith("`")) {
        int close = p.indexOf('`', 1);
        if (close < 0) {
          throw syntax(ddl, p);
        }
        name = p.substring(1, close);
        rest = p.substring(close + 1).trim();
      } else {
        int sp = 0;
        while (sp < p.length() && !Character.isWhitespace(p.charAt(sp)) && p.charAt(sp) != ':') {
          sp++;
        }
        name = p.substring(0, sp);
        rest = p.substring(sp).trim();
      }
      if (rest.startsWith(":")) {
        rest = rest.substring(1).trim();
      }
      boolean nullable = true;
      String upper = rest.toUpperCase(Locale.ROOT);
      if (upper.endsWith("NOT NULL")) {
        nullable = false;
        rest = rest.substring(0, rest.length() - "NOT NULL".length()).trim();
      }
      if (name.isEmpty() || rest.isEmpty()) {
        throw syntax(ddl, p);
      }
      try {
        fields.add(new StructField(name, DataTypes.parse(rest.replace(" ", "")), nullable));
      } catch (IllegalArgumentException e) {
        throw new EmberIllegalArgumentException("PARSE_SYNTAX_ERROR",
            "Cannot parse the schema '" + ddl + "': " + e.getMessage() + ".");
      }
    }
    if (fields.isEmpty()) {
      throw syntax(ddl, ddl);
    }
    return new StructType(fields);
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static EmberIllegalArgumentException syntax(String ddl, String part) {
    return new EmberIllegalArgumentException("PARSE_SYNTAX_ERROR",
        "Syntax error in the schema '" + ddl + "' at '" + part.trim() + "': expected 'name TYPE'.");
  }
}
