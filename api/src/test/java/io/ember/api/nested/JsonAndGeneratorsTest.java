package io.ember.api.nested;

import static io.ember.api.functions.col;
import static io.ember.api.functions.explode;
import static io.ember.api.functions.from_json;
import static io.ember.api.functions.get_json_object;
import static io.ember.api.functions.inline;
import static io.ember.api.functions.inline_outer;
import static io.ember.api.functions.json_tuple;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.posexplode;
import static io.ember.api.functions.posexplode_outer;
import static io.ember.api.functions.schema_of_json;
import static io.ember.api.functions.struct;
import static io.ember.api.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** JSON functions, struct construction and the multi-column generators through the DataFrame API and SQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonAndGeneratorsTest {
  private static final StructType EVENTS = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("value", DataTypes.STRING));
  private static final StructType DATA = DataTypes.struct(DataTypes.field("user", DataTypes.STRING),
      DataTypes.field("clicks", DataTypes.LONG), DataTypes.field("tags", DataTypes.array(DataTypes.STRING)));

  Session session;
  DataFrame events;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("json-functions").getOrCreate();
    events = session.createDataFrame(List.of(
        Row.of(1, "{\"user\": \"ann\", \"clicks\": 3, \"tags\": [\"a\", \"b\"]}"),
        Row.of(2, "{\"user\": \"bob\", \"clicks\": \"many\"}"),
        Row.of(3, null),
        Row.of(4, "{\"user\": ")), EVENTS);
    events.createOrReplaceTempView("events");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static List<List<Object>> rows(DataFrame df) {
    return df.collectAsList().stream().map(r -> Arrays.asList(r.toArray())).toList();
  }

  @Test
  void fromJsonThenSelectDataStar() {
    DataFrame parsed = events.select(col("id"), from_json(col("value"), DATA).alias("data")).select("id", "data.*");
    assertEquals(List.of("id", "user", "clicks", "tags"), Arrays.asList(parsed.columns()));
    assertEquals(List.of(Arrays.asList(1, "ann", 3L, List.of("a", "b")), Arrays.asList(2, "bob", null, null),
        Arrays.asList(3, null, null, null), Arrays.asList(4, null, null, null)), rows(parsed.orderBy("id")));
  }

  @Test
  void fromJsonWithDdlOptionsAndFailFast() {
    DataFrame corrupt = events.select(col("id"), from_json(col("value"), "user STRING, bad STRING",
        Map.of("columnNameOfCorruptRecord", "bad")).alias("d")).select("id", "d.bad");
    assertEquals(Arrays.asList(Arrays.asList(1, null), Arrays.asList(2, null), Arrays.asList(3, null),
        Arrays.asList(4, "{\"user\": ")), rows(corrupt.orderBy("id")));
    DataFrame failFast = events.select(from_json(col("value"), "user STRING", Map.of("mode", "FAILFAST")));
    EmberException e = assertThrows(EmberException.class, failFast::collectAsList);
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", e.errorClass());
  }

  @Test
  void toJsonOfStructsArraysAndMapsRoundTrips() {
    DataFrame df = events.filter(col("id").equalTo(1))
        .select(from_json(col("value"), DATA).alias("d"))
        .select(to_json(struct(col("d.user"), col("d.clicks"))).alias("j"), to_json(col("d.tags")).alias("t"),
            to_json(functions_map()).alias("m"));
    assertEquals(List.of(List.of("{\"user\":\"ann\",\"clicks\":3}", "[\"a\",\"b\"]", "{\"k\":1}")), rows(df));
    assertEquals(List.of(List.of("{\"id\":1,\"value\":\"{}\"}")),
        rows(session.createDataFrame(List.of(Row.of(1, "{}")), EVENTS).select(to_json(struct(col("*"))))));
  }

  private static io.ember.api.Column functions_map() {
    return io.ember.api.functions.create_map(lit("k"), lit(1));
  }

  @Test
  void schemaOfJsonGetJsonObjectAndJsonTuple() {
    assertEquals(List.of(List.of("STRUCT<a: BIGINT, b: ARRAY<STRING>>")),
        rows(events.limit(1).select(schema_of_json("{\"b\": [\"x\"], \"a\": 1}"))));
    DataFrame df = events.filter(col("id").leq(2)).select(col("id"), get_json_object(col("value"), "$.tags[1]"),
        json_tuple(col("value"), "user", "clicks"));
    assertEquals(List.of("id", "get_json_object(value, $.tags[1])", "c0", "c1"), Arrays.asList(df.columns()));
    assertEquals(List.of(Arrays.asList(1, "b", "ann", "3"), Arrays.asList(2, null, "bob", "many")),
        rows(df.orderBy("id")));
    DataFrame renamed = events.filter(col("id").equalTo(1)).select(json_tuple(col("value"), "user", "clicks")
        .alias("u", "n"));
    assertEquals(List.of("u", "n"), Arrays.asList(renamed.columns()));
  }

  @Test
  void sqlForms() {
    assertEquals(List.of(List.of("{\"a\":1,\"b\":0.8}")),
        rows(session.sql("SELECT to_json(from_json('{\"a\":1, \"b\":0.8}', 'a INT, b DOUBLE'))")));
    assertEquals(List.of(List.of("{\"time\":\"26/08/2015\"}")), rows(session.sql("SELECT to_json(named_struct("
        + "'time', to_timestamp('2015-08-26', 'yyyy-MM-dd')), map('timestampFormat', 'dd/MM/yyyy'))")));
    assertEquals(List.of(List.of("b")), rows(session.sql("SELECT get_json_object('{\"a\":\"b\"}', '$.a')")));
    assertEquals(List.of(List.of("ARRAY<STRUCT<col: BIGINT>>")),
        rows(session.sql("SELECT schema_of_json('[{\"col\":0}]')")));
    assertEquals(List.of(List.of("1", "2")), rows(session.sql("SELECT json_tuple('{\"a\":1, \"b\":2}', 'a', 'b')")));
    assertEquals(List.of(Arrays.asList("ann", 3L)),
        rows(session.sql("SELECT d.user, d.clicks FROM (SELECT from_json(value, 'user STRING, clicks BIGINT') AS d"
            + " FROM events WHERE id = 1)")));
    assertEquals(List.of(List.of(0, 10), List.of(1, 20)), rows(session.sql("SELECT posexplode(array(10, 20))")));
    assertEquals(List.of(List.of(1, "a"), List.of(2, "b")),
        rows(session.sql("SELECT inline(array(struct(1, 'a'), struct(2, 'b')))")));
    DataFrame multi = session.sql("SELECT explode(map('x', 1)) AS (k, `the value`)");
    assertEquals(List.of("k", "the value"), Arrays.asList(multi.columns()));
    assertEquals(List.of(List.of("x", 1)), rows(multi));
    assertEquals(List.of("p", "x"), Arrays.asList(session.sql("SELECT posexplode(array(10, 20)) AS (p, x)")
        .columns()));
    assertEquals(List.of(List.of("c0", "c1")), List.of(Arrays.asList(
        session.sql("SELECT json_tuple('{\"a\":1}', 'a', 'b')").columns())));
  }

  @Test
  void posexplodeAndInlineWithMultiAliases() {
    DataFrame arrays = session.createDataFrame(List.of(Row.of(1, List.of("x", "y")), Row.of(2, List.of()),
        Row.of(3, null)), DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("arr", DataTypes.array(DataTypes.STRING))));
    DataFrame pe = arrays.select(col("id"), posexplode(col("arr")));
    assertEquals(List.of("id", "pos", "col"), Arrays.asList(pe.columns()));
    assertEquals(List.of(Arrays.asList(1, 0, "x"), Arrays.asList(1, 1, "y")), rows(pe.orderBy("id", "pos")));
    DataFrame outer = arrays.select(col("id"), posexplode_outer(col("arr")).alias("p", "v"));
    assertEquals(List.of("id", "p", "v"), Arrays.asList(outer.columns()));
    assertEquals(List.of(Arrays.asList(1, 0, "x"), Arrays.asList(1, 1, "y"), Arrays.asList(2, null, null),
        Arrays.asList(3, null, null)), rows(outer.orderBy("id", "p")));
    DataFrame maps = session.createDataFrame(List.of(Row.of(1, Map.of("k", 5))), DataTypes.struct(
        DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("m", DataTypes.createMapType(DataTypes.STRING,
            DataTypes.INTEGER))));
    assertEquals("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", assertThrows(AnalysisException.class,
        () -> maps.select(explode(col("m")), posexplode(col("m")))).errorClass());
    DataFrame named = maps.select(explode(col("m")).alias("name", "n"));
    assertEquals(List.of("name", "n"), Arrays.asList(named.columns()));
    assertEquals(List.of(Arrays.asList("k", 5)), rows(named));
    assertEquals(List.of(Arrays.asList(0, "k", 5)), rows(maps.select(posexplode(col("m")))));
    assertEquals("UDTF_ALIAS_NUMBER_MISMATCH", assertThrows(AnalysisException.class,
        () -> maps.select(explode(col("m")).alias("x", "y", "z"))).errorClass());
    assertEquals("MULTI_ALIAS_WITHOUT_GENERATOR", assertThrows(AnalysisException.class,
        () -> maps.select(col("id").alias("x", "y"))).errorClass());
    StructType ab = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING));
    DataFrame structs = session.createDataFrame(List.of(Row.of(List.of(new Row(ab, new Object[] {1, "x"}),
        new Row(ab, new Object[] {2, "y"}))), Row.of((Object) null)), DataTypes.struct(
        DataTypes.field("s", DataTypes.array(ab))));
    assertEquals(List.of(Arrays.asList(1, "x"), Arrays.asList(2, "y")), rows(structs.select(inline(col("s")))
        .orderBy("a")));
    assertEquals(3, structs.select(inline_outer(col("s"))).count());
  }

  @Test
  void fieldsThroughArraysOfStructsAndWithFieldDropFields() {
    StructType inner = DataTypes.struct(DataTypes.field("c", DataTypes.INTEGER), DataTypes.field("d", DataTypes.STRING));
    StructType outer = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", inner));
    StructType item = DataTypes.struct(DataTypes.field("f", DataTypes.STRING), DataTypes.field("g", DataTypes.INTEGER));
    DataFrame df = session.createDataFrame(List.of(
        Row.of(1, new Row(outer, new Object[] {1, new Row(inner, new Object[] {2, "x"})}),
            Arrays.asList(new Row(item, new Object[] {"p", 1}), null, new Row(item, new Object[] {null, 3}))),
        Row.of(2, null, null)), DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("s", outer), DataTypes.field("arr", DataTypes.array(item))));
    DataFrame fields = df.orderBy("id").select(col("arr.f"), col("arr").getField("g"));
    assertEquals(List.of("f", "arr.g"), Arrays.asList(fields.columns()));
    assertEquals(List.of(Arrays.asList(Arrays.asList("p", null, null), Arrays.asList(1, null, 3)),
        Arrays.asList(null, null)), rows(fields));
    df.createOrReplaceTempView("nested");
    assertEquals(List.of(List.of(Arrays.asList(1, null, 3))),
        rows(session.sql("SELECT arr.g FROM nested WHERE id = 1")));
    DataFrame updated = df.orderBy("id").select(col("s").withField("b.c", lit(20)).withField("e", lit("new"))
        .alias("s"));
    assertEquals("{\"a\":1,\"b\":{\"c\":20,\"d\":\"x\"},\"e\":\"new\"}",
        rows(updated.select(to_json(col("s")))).get(0).get(0));
    assertEquals(Arrays.asList((Object) null), rows(updated).get(1));
    DataFrame dropped = df.orderBy("id").select(to_json(col("s").dropFields("b.d", "missing", "a")));
    assertEquals(Arrays.asList(List.of("{\"b\":{\"c\":2}}"), Arrays.asList((Object) null)), rows(dropped));
    assertEquals("DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS", assertThrows(AnalysisException.class,
        () -> df.select(col("s.b").dropFields("c", "d"))).errorClass());
    assertEquals("FIELD_NOT_FOUND", assertThrows(AnalysisException.class,
        () -> df.select(col("s").withField("zz.c", lit(1)))).errorClass());
  }

  @Test
  void mapKeyDedupPolicyIsASessionConf() {
    DataFrame dup = session.sql("SELECT map(1, 'a', 1, 'b') AS m");
    assertEquals("DUPLICATED_MAP_KEY", assertThrows(EmberException.class, dup::collectAsList).errorClass());
    session.conf().set("spark.sql.mapKeyDedupPolicy", "LAST_WIN");
    try {
      assertEquals(List.of(List.of(Map.of(1, "b"))), rows(session.sql("SELECT map(1, 'a', 1, 'b') AS m")));
    } finally {
      session.conf().unset("spark.sql.mapKeyDedupPolicy");
    }
    assertEquals("INVALID_CONF_VALUE", assertThrows(EmberException.class,
        () -> session.conf().set("spark.sql.mapKeyDedupPolicy", "FIRST_WIN")).errorClass());
  }
}
