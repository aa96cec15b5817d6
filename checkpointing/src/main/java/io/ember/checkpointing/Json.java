package io.ember.checkpointing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small JSON subset the checkpoint {@code metadata} and {@code commits} files use: objects whose values are
 * strings, integers or nested objects. Enough to keep those files readable by people and other tools.
 */
final class Json {
  private final String text;
  private int at;

  private Json(String text) {
    this.text = text;
  }

  /** {@code object} as JSON; values are {@link String}, {@link Long}/{@link Integer} or nested maps. */
  static String write(Map<String, ?> object) {
    StringBuilder sb = new StringBuilder();
    writeObject(sb, object);
    return sb.toString();
  }

  private static void writeObject(StringBuilder sb, Map<String, ?> object) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, ?> e : object.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      writeString(sb, e.getKey());
      sb.append(':');
      Object v = e.getValue();
      if (v instanceof String s) {
        writeString(sb, s);
      } else if (v instanceof Long || v instanceof Integer) {
        sb.append(v);
      } else if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) m;
        writeObject(sb, nested);
      } else {
        throw new IllegalArgumentException("Cannot write " + v + " as checkpoint JSON");
      }
    }
    sb.append('}');
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Parses one JSON object (values: strings, integers, objects).
   *
   * @throws IllegalArgumentException naming the position of the first thing it cannot read
   */
  static Map<String, Object> parse(String text) {
    Json p = new Json(text);
    p.skipSpace();
    Map<String, Object> out = p.object();
    p.skipSpace();
    if (p.at != text.length()) {
      throw p.error("end of input");
    }
    return out;
  }

  private Map<String, Object> object() {
    expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      at++;
      return out;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      out.put(key, value());
      skipSpace();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        at--;
        throw error("',' or '}'");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '{') {
      return object();
    }
    int start = at;
    if (c == '-') {
      at++;
    }
    while (at < text.length() && Character.isDigit(text.charAt(at))) {
      at++;
    }
    if (at == start || (at == start + 1 && c == '-')) {
      throw error("a string, an integer or an object");
    }
    try {
      return Long.parseLong(text.substring(start, at));
    } catch (NumberFormatException e) {
      at = start;
      throw error("an integer that fits 64 bits");
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (at + 4 > text.length()) {
            throw error("four hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("four hex digits");
          }
          at += 4;
        }
        default -> throw error("an escape sequence");
      }
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw error("more input");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    at++;
  }

  private IllegalArgumentException error(String expected) {
    return new IllegalArgumentException("expected " + expected + " at character " + at);
  }
}
