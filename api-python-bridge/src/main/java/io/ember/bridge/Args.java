package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads typed fields of request, plan and expression JSON objects; a missing or mistyped field is {@code BRIDGE_INVALID_REQUEST}. */
final class Args {
  private Args() {}

  static JsonNode required(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw invalid(obj, field, "is missing");
    }
    return v;
  }

  /** The field, or null when it is absent or JSON null. */
  static JsonNode optional(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? null : v;
  }

  static String text(JsonNode obj, String field) {
    JsonNode v = required(obj, field);
    if (!v.isTextual()) {
      throw invalid(obj, field, "must be a string");
    }
    return v.asText();
  }

  static String optText(JsonNode obj, String field) {
    JsonNode v = optional(obj, field);
    if (v != null && !v.isTextual()) {
      throw invalid(obj, field, "must be a string");
    }
    return v == null ? null : v.asText();
  }

  static long longValue(JsonNode obj, String field) {
    JsonNode v = required(obj, field);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw invalid(obj, field, "must be an integer");
    }
    return v.asLong();
  }

  static long optLong(JsonNode obj, String field, long dflt) {
    return optional(obj, field) == null ? dflt : longValue(obj, field);
  }

  static int intValue(JsonNode obj, String field) {
    long v = longValue(obj, field);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw invalid(obj, field, "is out of the int range");
    }
    return (int) v;
  }

  static int optInt(JsonNode obj, String field, int dflt) {
    return optional(obj, field) == null ? dflt : intValue(obj, field);
  }

  static boolean bool(JsonNode obj, String field, boolean dflt) {
    JsonNode v = optional(obj, field);
    if (v == null) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw invalid(obj, field, "must be true or false");
    }
    return v.asBoolean();
  }

  /** The elements of a list field; an absent field is an empty list. */
  static List<JsonNode> list(JsonNode obj, String field) {
    JsonNode v = optional(obj, field);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw invalid(obj, field, "must be a list");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  static List<String> strings(JsonNode obj, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list(obj, field)) {
      if (!n.isTextual()) {
        throw invalid(obj, field, "must be a list of strings");
      }
      out.add(n.asText());
    }
    return out;
  }

  /** A map of strings; values that are numbers or booleans are taken as their text, as PySpark's options do. */
  static Map<String, String> stringMap(JsonNode obj, String field) {
    JsonNode v = optional(obj, field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw invalid(obj, field, "must be an object of strings");
    }
    v.fields().forEachRemaining(e -> {
      if (e.getValue().isContainerNode()) {
        throw invalid(obj, field, "must map to strings (key '" + e.getKey() + "')");
      }
      if (!e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  static EmberIllegalArgumentException invalid(JsonNode obj, String field, String problem) {
    String where = obj.has("node") ? "plan node " + obj.get("node") : obj.has("expr") ? "expression " + obj.get("expr")
        : obj.has("op") ? "request " + obj.get("op") : "object";
    return new EmberIllegalArgumentException(
        "BRIDGE_INVALID_REQUEST", "Field '" + field + "' of " + where + " " + problem + ". See PROTOCOL.md.");
  }
}
