package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.fn;
import static io.ember.api.functions.lit;

import io.ember.core.types.DataType;
import io.ember.core.types.DdlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON, struct and multi-column generator functions of the DataFrame API, named as Spark's
 * ({@code from_json}, {@code to_json}, {@code schema_of_json}, {@code get_json_object}, {@code json_tuple},
 * {@code struct}, {@code named_struct}, {@code posexplode_outer}, {@code inline}, {@code inline_outer}). They are
 * called as {@code functions.from_json(..)}: {@link functions} inherits them, so that this family has a file of its
 * own. JSON options are Spark's, as a map of strings: {@code mode} (PERMISSIVE, the default, or FAILFAST),
 * {@code columnNameOfCorruptRecord}, {@code timestampFormat}, {@code dateFormat}, {@code timeZone},
 * {@code ignoreNullFields} ({@code to_json}).
 */
public abstract class NestedFunctions {
  NestedFunctions() {}

  /** As {@link #explode_outer}, with the position (Spark's {@code posexplode_outer}). */
  public static Column posexplode_outer(Column e) {
    return fn("posexplode_outer", e);
  }

  /** One row per struct of an array of structs, one column per field (none for an empty or null array). */
  public static Column inline(Column e) {
    return fn("inline", e);
  }

  /** As {@link #inline}, but an empty or null array gives one row of nulls. */
  public static Column inline_outer(Column e) {
    return fn("inline_outer", e);
  }

  // ---- structs and JSON ----

  /** A struct of the columns, each field named as its column (or alias), else {@code colN}. */
  public static Column struct(Column... cols) {
    return fn("struct", (Object[]) cols);
  }

  public static Column struct(String colName, String... colNames) {
    Column[] all = new Column[colNames.length + 1];
    all[0] = col(colName);
    for (int i = 0; i < colNames.length; i++) {
      all[i + 1] = col(colNames[i]);
    }
    return struct(all);
  }

  /** A struct from alternating field names (string literals) and values. */
  public static Column named_struct(Column... cols) {
    return fn("named_struct", (Object[]) cols);
  }

  /** A JSON string parsed into {@code schema} (a struct, array or map type); null for null or malformed input. */
  public static Column from_json(Column e, DataType schema) {
    return fromJsonCall(e, schema, Map.of());
  }

  /** As {@link #from_json(Column, DataType)} with Spark's JSON options ({@code mode}, {@code timestampFormat}, ...). */
  public static Column from_json(Column e, DataType schema, Map<String, String> options) {
    return fromJsonCall(e, schema, options);
  }

  /** As {@link #from_json(Column, DataType, Map)} with the schema in DDL ({@code "a INT, b STRING"}). */
  public static Column from_json(Column e, String schema, Map<String, String> options) {
    return fromJsonCall(e, lit(schema), options);
  }

  /** As {@link #from_json(Column, DataType)} with the schema as a column (a DDL string literal). */
  public static Column from_json(Column e, Column schema) {
    return fromJsonCall(e, schema, Map.of());
  }

  public static Column from_json(Column e, Column schema, Map<String, String> options) {
    return fromJsonCall(e, schema, options);
  }

  /** A struct, array or map as a JSON string. */
  public static Column to_json(Column e) {
    return toJsonCall(e, Map.of());
  }

  public static Column to_json(Column e, Map<String, String> options) {
    return toJsonCall(e, options);
  }

  /** The schema Spark's inference gives a JSON string, as DDL text ({@code STRUCT<a: BIGINT>}). */
  public static Column schema_of_json(String json) {
    return schemaOfJsonCall(lit(json), Map.of());
  }

  public static Column schema_of_json(Column json) {
    return schemaOfJsonCall(json, Map.of());
  }

  public static Column schema_of_json(Column json, Map<String, String> options) {
    return schemaOfJsonCall(json, options);
  }

  /** The value at a JSONPath ({@code $.a.b[0]}) of a JSON string, as text. */
  public static Column get_json_object(Column e, String path) {
    return fn("get_json_object", e, lit(path));
  }

  /** A generator: fields of a JSON object as string columns {@code c0, c1, ...}. */
  public static Column json_tuple(Column json, String... fields) {
    return jsonTupleCall(json, fields);
  }

  private static Column fromJsonCall(Column e, DataType schema, Map<String, String> options) {
    return fromJsonCall(e, lit(DdlParser.sql(schema)), options);
  }

  private static Column fromJsonCall(Column e, Column schema, Map<String, String> options) {
    return options.isEmpty() ? fn("from_json", e, schema) : fn("from_json", e, schema, optionsMap(options));
  }

  private static Column toJsonCall(Column e, Map<String, String> options) {
    return options.isEmpty() ? fn("to_json", e) : fn("to_json", e, optionsMap(options));
  }

  private static Column schemaOfJsonCall(Column json, Map<String, String> options) {
    return options.isEmpty() ? fn("schema_of_json", json) : fn("schema_of_json", json, optionsMap(options));
  }

  private static Column jsonTupleCall(Column json, String... fields) {
    Object[] args = new Object[fields.length + 1];
    args[0] = json;
    for (int i = 0; i < fields.length; i++) {
      args[i + 1] = lit(fields[i]);
    }
    return fn("json_tuple", args);
  }

  /** The options as Spark passes them to the function: {@code map(k1, v1, ...)}. */
  private static Column optionsMap(Map<String, String> options) {
    List<Object> kv = new ArrayList<>();
    options.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return fn("map", kv.toArray());
  }
}
