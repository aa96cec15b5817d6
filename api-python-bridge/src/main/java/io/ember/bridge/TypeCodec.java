package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ember.core.types.DdlParser;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Data types to and from the JSON of PySpark's {@code DataType.jsonValue()}: simple types are strings
 * ({@code "integer"}, {@code "decimal(10,2)"}; the null type is written {@code "null"} and read as {@code "null"}
 * or {@code "void"}), arrays and structs are objects with a {@code "type"} field. Stateless.
 */
public final class TypeCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TypeCodec() {}

  /** The JSON of {@code type}. */
  public static JsonNode toJson(DataType type) {
    if (type instanceof ArrayType t) {
      return arrayJson(t);
    }
    if (type instanceof StructType t) {
      return schemaJson(t);
    }
    if (type instanceof io.ember.core.types.MapType t) {
      ObjectNode node = NODES.objectNode();
      node.put("type", "map");
      node.set("keyType", toJson(t.keyType()));
      node.set("valueType", toJson(t.valueType()));
      node.put("valueContainsNull", t.valueContainsNull());
      return node;
    }
    if (type instanceof DecimalType t) {
      return TextNode.valueOf("decimal(" + t.precision() + "," + t.scale() + ")");
    }
    return TextNode.valueOf(type instanceof NullType ? "null" : type.typeName());
  }

  /** The JSON of a schema: {@code {"type": "struct", "fields": [...]}}. */
  public static ObjectNode schemaJson(StructType schema) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "struct");
    ArrayNode fields = node.putArray("fields");
    for (StructField f : schema.fields()) {
      ObjectNode field = fields.addObject();
      field.put("name", f.name());
      field.set("type", toJson(f.dataType()));
      field.put("nullable", f.nullable());
      field.putObject("metadata");
    }
    return node;
  }

  private static ObjectNode arrayJson(ArrayType t) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "array");
    node.set("elementType", toJson(t.elementType()));
    node.put("containsNull", t.containsNull());
    return node;
  }

  /**
   * Reads a type JSON.
   *
   * @throws EmberIllegalArgumentException {@code BRIDGE_INVALID_TYPE} naming what could not be read
   */
  public static DataType fromJson(JsonNode node) {
    if (node == null || node.isNull()) {
      throw invalid("a missing type");
    }
    if (node.isTextual()) {
      return simpleType(node.asText());
    }
    if (!node.isObject()) {
      throw invalid(node.toString());
    }
    String kind = node.path("type").asText("");
    switch (kind) {
      case "array":
        return new ArrayType(fromJson(node.get("elementType")), node.path("containsNull").asBoolean(true));
      case "struct":
        return schemaFromJson(node);
      case "map":
        return new io.ember.core.types.MapType(fromJson(node.get("keyType")), fromJson(node.get("valueType")),
            node.path("valueContainsNull").asBoolean(true));
      default:
        throw invalid(node.toString());
    }
  }

  /**
   * Reads a schema: a struct type JSON object, or (as {@code read}'s {@code schema} argument also allows) a DDL
   * string such as {@code "a INT, b STRING"}.
   *
   * @throws EmberIllegalArgumentException {@code BRIDGE_INVALID_TYPE} when it is neither
   */
  public static StructType schemaFromJson(JsonNode node) {
    if (node != null && node.isTextual()) {
      return DdlParser.parseSchema(node.asText());
    }
    if (node == null || !node.isObject() || !"struct".equals(node.path("type").asText())) {
      throw invalid(String.valueOf(node) + " as a schema (expected {\"type\": \"struct\", \"fields\": [...]})");
    }
    JsonNode fields = node.path("fields");
    if (!fields.isArray()) {
      throw invalid(node + " (a struct needs a \"fields\" list)");
    }
    List<StructField> out = new ArrayList<>(fields.size());
    for (JsonNode f : fields) {
      JsonNode name = f.get("name");
      if (name == null || !name.isTextual()) {
        throw invalid(f + " (a struct field needs a \"name\" string)");
      }
      out.add(new StructField(name.asText(), fromJson(f.get("type")), f.path("nullable").asBoolean(true)));
    }
    return new StructType(out);
  }

  private static DataType simpleType(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("array<")) {
      throw invalid("\"" + text + "\" (arrays are objects: {\"type\": \"array\", ...})");
    }
    try {
      return DataTypes.parse(t);
    } catch (IllegalArgumentException e) {
      throw invalid("\"" + text + "\"");
    }
  }

  private static EmberIllegalArgumentException invalid(String what) {
    return new EmberIllegalArgumentException(
        "BRIDGE_INVALID_TYPE", "Cannot read the data type " + what + ". Types are PySpark's jsonValue(): \"integer\","
            + " \"long\", \"double\", \"string\", \"boolean\", \"date\", \"timestamp\", \"decimal(p,s)\", \"null\","
            + " {\"type\": \"array\", ...}, {\"type\": \"map\", ...} or {\"type\": \"struct\", ...}.");
  }
}
