package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON functions, with the examples of Spark's function reference as expected answers. */
class JsonFunctionsTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();

  private static Expression call(String name, Expression... args) {
    return REGISTRY.build(name, List.of(args));
  }

  private static Expression options(String... kv) {
    Expression[] args = new Expression[kv.length];
    for (int i = 0; i < kv.length; i++) {
      args[i] = lit(kv[i]);
    }
    return call("map", args);
  }

  /** {@code to_json(from_json(json, schema[, options]))}: the parsed value as Spark's docs print it. */
  private static Object roundTrip(String json, String schema, Expression... options) {
    Expression from = options.length == 0 ? call("from_json", lit(json), lit(schema))
        : call("from_json", lit(json), lit(schema), options[0]);
    return value(call("to_json", from));
  }

  @Test
  void fromJsonSparkExamples() {
    assertEquals("{\"a\":1,\"b\":0.8}", roundTrip("{\"a\":1, \"b\":0.8}", "a INT, b DOUBLE"));
    assertEquals("{\"time\":\"2015-08-26T00:00:00.000Z\"}", roundTrip("{\"time\":\"26/08/2015\"}",
        "time Timestamp", options("timestampFormat", "dd/MM/yyyy")));
    assertEquals("{\"teacher\":\"Alice\",\"student\":[{\"name\":\"Bob\",\"rank\":1},{\"name\":\"Charlie\",\"rank\":2}]}",
        roundTrip("{\"teacher\": \"Alice\", \"student\": [{\"name\": \"Bob\", \"rank\": 1}, {\"name\": \"Charlie\","
            + " \"rank\": 2}]}", "STRUCT<teacher: STRING, student: ARRAY<STRUCT<name: STRING, rank: INT>>>"));
    Object parsed = value(call("from_json", lit("{\"a\":1, \"b\":0.8}"), lit("a INT, b DOUBLE")));
    assertEquals(new Row(DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER),
        DataTypes.field("b", DataTypes.DOUBLE)), new Object[] {1, 0.8}), parsed);
  }

  @Test
  void fromJsonArraysAndMaps() {
    assertEquals(List.of(1, 2, 3), value(call("from_json", lit("[1, 2, 3]"), lit("array<int>"))));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("a", 1L);
    m.put("b", null);
    assertEquals(m, value(call("from_json", lit("{\"a\": 1, \"b\": null}"), lit("map<string, bigint>"))));
    assertEquals("[{\"a\":1}]", roundTrip("{\"a\":1}", "array<struct<a: int>>"));
    assertNull(value(call("from_json", lit("[1, \"x\"]"), lit("array<int>"))));
    assertNull(value(call("from_json", lit("{\"a\": [}"), lit("map<string, int>"))));
    assertEquals("INVALID_JSON_MAP_KEY_TYPE", assertThrows(AnalysisException.class,
        () -> call("from_json", lit("{}"), lit("map<int, int>"))).errorClass());
  }

  @Test
  void nullsAndMalformedRecordsInPermissiveMode() {
    StructType corrupt = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER),
        DataTypes.field("b", DataTypes.STRING), DataTypes.field("_corrupt_record", DataTypes.STRING));
    Batch b = column(DataTypes.STRING, "{\"a\": 1, \"b\": \"x\"}", null, "", "{\"a\": \"one\", \"b\": \"y\"}",
        "{\"a\": 2,", "[1]");
    Expression e = call("from_json", col(b, 0), lit("a INT, b STRING, _corrupt_record STRING"));
    assertEquals(Arrays.asList(new Row(corrupt, new Object[] {1, "x", null}), null, null,
        new Row(corrupt, new Object[] {null, "y", "{\"a\": \"one\", \"b\": \"y\"}"}),
        new Row(corrupt, new Object[] {null, null, "{\"a\": 2,"}),
        new Row(corrupt, new Object[] {null, null, "[1]"})), eval(e, b, ANSI));
    assertNull(value(call("from_json", lit(" null "), lit("a INT"))));
    assertEquals(new Row(DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER)), new Object[] {null}),
        value(call("from_json", lit("null 1"), lit("a INT"))));
    Expression plain = call("from_json", col(b, 0), lit("a INT"));
    StructType a = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER));
    assertEquals(new Row(a, new Object[] {null}), eval(plain, b, ANSI).get(4));
  }

  @Test
  void failFastRaisesSparksMalformedRecordError() {
    Batch b = column(DataTypes.STRING, "{\"a\": 1}", "{\"a\": \"one\"}");
    MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> eval(
        call("from_json", col(b, 0), lit("a INT"), options("mode", "FAILFAST")), b, ANSI));
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", e.errorClass());
    assertTrue(e.getMessage().contains("{\"a\": \"one\"}") && e.getMessage().contains("'PERMISSIVE'"), e.getMessage());
    assertEquals("PARSE_MODE_UNSUPPORTED", assertThrows(AnalysisException.class,
        () -> call("from_json", col(b, 0), lit("a INT"), options("mode", "DROPMALFORMED"))).errorClass());
  }

  @Test
  void schemaArgumentErrors() {
    Batch b = column(DataTypes.STRING, "x");
    assertEquals("INVALID_SCHEMA.NON_STRING_LITERAL", assertThrows(AnalysisException.class,
        () -> call("from_json", lit("{}"), col(b, 0))).errorClass());
    assertEquals("INVALID_SCHEMA.PARSE_ERROR", assertThrows(AnalysisException.class,
        () -> call("from_json", lit("{}"), lit("a INT,, b"))).errorClass());
    assertEquals("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", assertThrows(AnalysisException.class,
        () -> call("from_json", lit("{}"), lit("int"))).errorClass());
    assertEquals("INVALID_OPTIONS.NON_MAP_FUNCTION", assertThrows(AnalysisException.class,
        () -> call("from_json", lit("{}"), lit("a INT"), lit("mode"))).errorClass());
    assertEquals("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", assertThrows(AnalysisException.class,
        () -> call("to_json", lit(1))).errorClass());
  }

  @Test
  void toJsonSparkExamples() {
    Expression s = call("named_struct", lit("a"), lit(1), lit("b"), lit(2));
    assertEquals("{\"a\":1,\"b\":2}", value(call("to_json", s)));
    Expression ts = call("named_struct", lit("time"), call("to_timestamp", lit("2015-08-26"), lit("yyyy-MM-dd")));
    assertEquals("{\"time\":\"26/08/2015\"}", value(call("to_json", ts, options("timestampFormat", "dd/MM/yyyy"))));
    assertEquals("[{\"a\":1,\"b\":2}]", value(call("to_json", call("array", s))));
    assertEquals("{\"a\":1}", value(call("to_json", call("map", lit("a"), lit(1)))));
    assertEquals("{\"a\":{\"b\":1}}", value(call("to_json",
        call("map", lit("a"), call("named_struct", lit("b"), lit(1))))));
    assertEquals("[{\"a\":1}]", value(call("to_json", call("array", call("map", lit("a"), lit(1))))));
    assertEquals("[\"Alice\",\"Bob\"]", value(call("to_json", call("array", lit("Alice"), lit("Bob")))));
  }

  @Test
  void toJsonNullsAndTimeZone() {
    Expression s = call("named_struct", lit("a"), lit(null), lit("b"), lit("x"));
    assertEquals("{\"b\":\"x\"}", value(call("to_json", s)));
    assertEquals("{\"a\":null,\"b\":\"x\"}", value(call("to_json", s, options("ignoreNullFields", "false"))));
    Expression ts = call("named_struct", lit("t"), lit(Instant.parse("2024-01-01T00:00:00Z")));
    EvalContext paris = new EvalContext(true, ZoneId.of("Europe/Paris"), 0L);
    assertEquals("{\"t\":\"2024-01-01T01:00:00.000+01:00\"}", value(call("to_json", ts), paris));
    Batch b = column(new StructType(List.of(DataTypes.field("a", DataTypes.INTEGER))),
        new Row(new StructType(List.of(DataTypes.field("a", DataTypes.INTEGER))), new Object[] {1}), null);
    assertEquals(Arrays.asList("{\"a\":1}", null), eval(call("to_json", col(b, 0)), b, ANSI));
  }

  @Test
  void schemaOfJsonSparkExamples() {
    assertEquals("ARRAY<STRUCT<col: BIGINT>>", value(call("schema_of_json", lit("[{\"col\":0}]"))));
    assertEquals("ARRAY<STRUCT<col: BIGINT>>", value(call("schema_of_json", lit("[{\"col\":01}]"),
        options("allowNumericLeadingZeros", "true"))));
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", assertThrows(MalformedRecordException.class,
        () -> call("schema_of_json", lit("[{\"col\":01}]"))).errorClass());
    assertEquals("STRUCT<a: BIGINT, b: STRUCT<c: ARRAY<DOUBLE>, d: STRING>>",
        value(call("schema_of_json", lit("{\"b\": {\"d\": \"x\", \"c\": [1.5, 2]}, \"a\": 1}"))));
    assertEquals("STRUCT<a: STRING>", value(call("schema_of_json", lit("{\"a\": 1}"),
        options("primitivesAsString", "true"))));
    Batch b = column(DataTypes.STRING, "{}");
    assertEquals("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", assertThrows(AnalysisException.class,
        () -> call("schema_of_json", col(b, 0))).errorClass());
  }

  @Test
  void getJsonObjectSparkExamplesAndPaths() {
    assertEquals("b", value(call("get_json_object", lit("{\"a\":\"b\"}"), lit("$.a"))));
    String doc = "{\"store\": {\"fruit\": [{\"weight\": 8, \"type\": \"apple\"}, {\"weight\": 9, \"type\": \"pear\"}],"
        + " \"basket\": [[1, 2, {\"b\": \"y\", \"a\": \"x\"}], [3, 4], [5, 6]], \"book\": null}}";
    assertEquals("{\"weight\":8,\"type\":\"apple\"}", value(call("get_json_object", lit(doc), lit("$.store.fruit[0]"))));
    assertEquals("[\"apple\",\"pear\"]", value(call("get_json_object", lit(doc), lit("$.store.fruit[*].type"))));
    assertEquals("x", value(call("get_json_object", lit(doc), lit("$.store.basket[0][2].a"))));
    assertEquals("9", value(call("get_json_object", lit(doc), lit("$['store']['fruit'][1]['weight']"))));
    assertNull(value(call("get_json_object", lit(doc), lit("$.store.missing"))));
    assertNull(value(call("get_json_object", lit(doc), lit("store"))));
    assertNull(value(call("get_json_object", lit("{\"a\": "), lit("$.a"))));
    assertNull(value(call("get_json_object", lit(null), lit("$.a"))));
  }

  @Test
  void jsonTupleGivesTextOfEachField() {
    Batch b = column(DataTypes.STRING, "{\"a\":1, \"b\":2}", "{\"a\": {\"x\": [1]}, \"b\": null}", null, "{bad");
    Expression e = call("json_tuple", col(b, 0), lit("a"), lit("b"), lit("c"));
    StructType t = (StructType) e.dataType();
    assertEquals(List.of("c0", "c1", "c2"), t.fieldNames());
    assertEquals(Arrays.asList(new Row(t, new Object[] {"1", "2", null}),
        new Row(t, new Object[] {"{\"x\":[1]}", null, null}), new Row(t, new Object[] {null, null, null}),
        new Row(t, new Object[] {null, null, null})), eval(e, b, ANSI));
  }

  @Test
  void mapKeyDedupPolicyLastWinKeepsFirstPositionWithLastValue() {
    EvalContext lastWin = new EvalContext(true, ZoneId.of("UTC"), 0L, true);
    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put(1, "c");
    expected.put(2, "b");
    assertEquals(expected, value(call("map", lit(1), lit("a"), lit(2), lit("b"), lit(1), lit("c")), lastWin));
    assertEquals(expected, value(call("map_from_arrays", call("array", lit(1), lit(2), lit(1)),
        call("array", lit("a"), lit("b"), lit("c"))), lastWin));
    assertEquals("DUPLICATED_MAP_KEY", assertThrows(io.ember.core.errors.EmberException.class,
        () -> value(call("map", lit(1), lit("a"), lit(1), lit("c")))).errorClass());
  }
}
