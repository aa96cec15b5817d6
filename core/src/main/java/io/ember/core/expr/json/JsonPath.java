package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of Spark's {@code get_json_object}: {@code $} followed by {@code .name}, {@code ['name']},
 * {@code [index]} and {@code [*]} steps. Immutable once parsed; {@link #extract} streams the document with Jackson.
 */
final class JsonPath {
  /** One step of a path: a field name, an array index, or every element ({@code [*]}). */
  private record Step(String field, int index, boolean wildcard) {}

  private final List<Step> steps;

  private JsonPath(List<Step> steps) {
    this.steps = steps;
  }

  /** The path {@code text}, or null when it is not one Spark accepts (the function then returns null). */
  static JsonPath parse(String text) {
    if (text == null || !text.startsWith("$")) {
      return null;
    }
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        String name = text.substring(i + 1, end);
        if (name.isEmpty()) {
          return null;
        }
        steps.add(name.equals("*") ? new Step(null, -1, true) : new Step(name, -1, false));
        i = end;
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          return null;
        }
        String inside = text.substring(i + 1, close).trim();
        if (inside.equals("*")) {
          steps.add(new Step(null, -1, true));
        } else if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")) {
          steps.add(new Step(inside.substring(1, inside.length() - 1), -1, false));
        } else {
          try {
            steps.add(new Step(null, Integer.parseInt(inside), false));
          } catch (NumberFormatException e) {
            return null;
          }
        }
        i = close + 1;
      } else {
        return null;
      }
    }
    return new JsonPath(List.copyOf(steps));
  }

  /**
   * The value the path selects in the document at the parser (on its first token): a string value as itself, any
   * other value as its JSON text, several values (through {@code [*]}) as a JSON array of them; null when nothing
   * matches.
   */
  String extract(JsonParser p, JsonFactory factory) throws IOException {
    List<String[]> matches = new ArrayList<>();
    walk(p, 0, matches, factory);
    if (matches.isEmpty()) {
      return null;
    }
    if (matches.size() == 1) {
      String[] m = matches.get(0);
      return m[1] != null ? m[1] : m[0];
    }
    StringBuilder sb = new StringBuilder("[");
    for (int k = 0; k < matches.size(); k++) {
      sb.append(k > 0 ? "," : "").append(matches.get(k)[0]);
    }
    return sb.append(']').toString();
  }

  /** Consumes the value at the parser, adding {JSON text, string value or null} for each match of steps[step..]. */
  private void walk(JsonParser p, int step, List<String[]> matches, JsonFactory factory) throws IOException {
    JsonToken t = p.currentToken();
    if (step == steps.size()) {
      String string = t == JsonToken.VALUE_STRING ? p.getText() : null;
      StringWriter w = new StringWriter();
      try (JsonGenerator g = factory.createGenerator(w)) {
        g.copyCurrentStructure(p);
      }
      matches.add(new String[] {w.toString(), string});
      return;
    }
    Step s = steps.get(step);
    if (s.field() != null && t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        boolean hit = p.currentName().equals(s.field());
        p.nextToken();
        if (hit) {
          walk(p, step + 1, matches, factory);
        } else {
          p.skipChildren();
        }
      }
    } else if (s.field() == null && t == JsonToken.START_ARRAY) {
      int k = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (s.wildcard() || k == s.index()) {
          walk(p, step + 1, matches, factory);
        } else {
          p.skipChildren();
        }
        k++;
      }
    } else {
      p.skipChildren();
    }
  }
}
