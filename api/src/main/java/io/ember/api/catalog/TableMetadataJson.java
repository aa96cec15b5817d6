package io.ember.api.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link CatalogTable}, one object per table file in the warehouse. Every file carries
 * {@link #VERSION}; a reader refuses a version it does not know rather than guess. A column's type is its simple
 * name ({@code int}, {@code decimal(10,2)}, {@code interval day to second}) or, for nested types, an object
 * ({@code {"type":"array","elementType":..,"containsNull":..}}, {@code map} with key and value types, {@code struct}
 * with {@code fields}), as Spark's schema JSON nests them. Version 2 added a table's {@code properties} and a
 * view's {@code view} ({@code sql}, {@code database}); version 3 the {@code columnComments} (by column name) and a
 * view's {@code queryColumns} (written when a column list renamed the query's columns, which a version 2 reader
 * would bind wrongly by name, hence the new version) and a database's {@code properties}. Older files are still
 * read. A database's file holds its {@code name}, {@code location}, {@code comment} and {@code properties}.
 */
final class TableMetadataJson {
  /** The version written into every table file. */
  static final int VERSION = 3;
  /** The oldest version read. */
  static final int OLDEST_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TableMetadataJson() {}

  /** {@code table} as pretty-printed JSON text. */
  static String write(CatalogTable table) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("version", VERSION);
    o.put("database", table.id().database());
    o.put("name", table.id().table());
    o.put("type", table.type().name());
    o.put("provider", table.format());
    o.put("location", table.location());
    ArrayNode parts = o.putArray("partitionColumns");
    table.partitionColumns().forEach(parts::add);
    ObjectNode opts = o.putObject("options");
    table.options().forEach(opts::put);
    o.set("schema", struct(table.schema()));
    if (table.comment() != null) {
      o.put("comment", table.comment());
    }
    o.put("createTime", table.createdMillis());
    ObjectNode props = o.putObject("properties");
    table.properties().forEach(props::put);
    ObjectNode comments = o.putObject("columnComments");
    table.columnComments().forEach(comments::put);
    if (table.view() != null) {
      ObjectNode view = o.putObject("view");
      view.put("sql", table.view().sql());
      view.put("database", table.view().database());
      ArrayNode queryColumns = view.putArray("queryColumns");
      table.view().queryColumns().forEach(queryColumns::add);
    }
    return pretty(o);
  }

  /** The database file of {@code db}. */
  static String writeDatabase(CatalogDatabase db) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("version", VERSION);
    o.put("name", db.name());
    o.put("location", db.location());
    if (db.comment() != null) {
      o.put("comment", db.comment());
    }
    ObjectNode props = o.putObject("properties");
    db.properties().forEach(props::put);
    return pretty(o);
  }

  /**
   * The database {@code text} describes; {@code source} names the file in errors.
   *
   * @throws EmberRuntimeException {@code CORRUPTED_TABLE_METADATA} for text that is not a database's
   */
  static CatalogDatabase readDatabase(String text, String source) {
    try {
      JsonNode o = MAPPER.readTree(text);
      checkVersion(o, source);
      return new CatalogDatabase(text(o, "name"), text(o, "location"),
          o.hasNonNull("comment") ? o.get("comment").asText() : null, strings(o.path("properties")));
    } catch (IOException | RuntimeException e) {
      if (e instanceof EmberRuntimeException ember) {
        throw ember;
      }
      throw corrupted(source, e.getMessage(), e);
    }
  }

  private static void checkVersion(JsonNode o, String source) {
    int version = o.path("version").asInt(-1);
    if (version < OLDEST_VERSION || version > VERSION) {
      throw corrupted(source, "unknown version " + o.path("version") + " (this Ember reads versions "
          + OLDEST_VERSION + " to " + VERSION + ")", null);
    }
  }

  private static String pretty(ObjectNode o) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write table metadata as JSON", e);
    }
  }

  /**
   * The table {@code text} describes; {@code source} names the file in errors.
   *
   * @throws EmberRuntimeException {@code CORRUPTED_TABLE_METADATA} for text that is not a table of a known version
   */
  static CatalogTable read(String text, String source) {
    try {
      JsonNode o = MAPPER.readTree(text);
      checkVersion(o, source);
      List<String> parts = new ArrayList<>();
      o.path("partitionColumns").forEach(p -> parts.add(p.asText()));
      Map<String, String> options = new LinkedHashMap<>();
      o.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
      JsonNode view = o.get("view");
      List<String> queryColumns = new ArrayList<>();
      if (view != null) {
        view.path("queryColumns").forEach(c -> queryColumns.add(c.asText()));
      }
      return new CatalogTable(new TableIdentifier(text(o, "database"), text(o, "name")),
          CatalogTable.TableType.valueOf(text(o, "type")), text(o, "provider"), (StructType) type(o.get("schema")),
          parts, options, text(o, "location"), o.hasNonNull("comment") ? o.get("comment").asText() : null,
          o.path("createTime").asLong(0), strings(o.path("properties")),
          view == null ? null : new CatalogTable.ViewText(text(view, "sql"), text(view, "database"), queryColumns),
          strings(o.path("columnComments")));
    } catch (IOException | RuntimeException e) {
      if (e instanceof EmberRuntimeException ember) {
        throw ember;
      }
      throw corrupted(source, e.getMessage(), e);
    }
  }

  /** The string fields of object {@code o} (empty when it is missing). */
  private static Map<String, String> strings(JsonNode o) {
    Map<String, String> out = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not a string");
    }
    return v.asText();
  }

  private static EmberRuntimeException corrupted(String source, String why, Throwable cause) {
    return new EmberRuntimeException("CORRUPTED_TABLE_METADATA", "The table metadata file " + source
        + " cannot be read: " + why + ". Restore it, or drop the table (DROP TABLE) and create it again.", cause);
  }

  private static ObjectNode struct(StructType s) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("type", "struct");
    ArrayNode fields = o.putArray("fields");
    for (StructField f : s.fields()) {
      ObjectNode field = fields.addObject();
      field.put("name", f.name());
      field.set("type", type(f.dataType()));
      field.put("nullable", f.nullable());
    }
    return o;
  }

  private static JsonNode type(DataType t) {
    if (t instanceof StructType s) {
      return struct(s);
    }
    if (t instanceof ArrayType a) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "array");
      o.set("elementType", type(a.elementType()));
      o.put("containsNull", a.containsNull());
      return o;
    }
    if (t instanceof MapType m) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("type", "map");
      o.set("keyType", type(m.keyType()));
      o.set("valueType", type(m.valueType()));
      o.put("valueContainsNull", m.valueContainsNull());
      return o;
    }
    return JsonNodeFactory.instance.textNode(t.simpleString());
  }

  private static DataType type(JsonNode node) {
    if (node == null) {
      throw new IllegalArgumentException("a type is missing");
    }
    if (node.isTextual()) {
      return DataTypes.parse(node.asText());
    }
    switch (node.path("type").asText()) {
      case "struct": {
        List<StructField> fields = new ArrayList<>();
        for (JsonNode f : node.path("fields")) {
          fields.add(new StructField(text(f, "name"), type(f.get("type")), f.path("nullable").asBoolean(true)));
        }
        return new StructType(fields);
      }
      case "array":
        return new ArrayType(type(node.get("elementType")), node.path("containsNull").asBoolean(true));
      case "map":
        return new MapType(type(node.get("keyType")), type(node.get("valueType")),
            node.path("valueContainsNull").asBoolean(true));
      default:
        throw new IllegalArgumentException("unknown type " + node);
    }
  }
}
