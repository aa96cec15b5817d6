package io.ember.api.nested;

import static io.ember.api.functions.cardinality;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.create_map;
import static io.ember.api.functions.element_at;
import static io.ember.api.functions.explode;
import static io.ember.api.functions.first;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.map_contains_key;
import static io.ember.api.functions.map_entries;
import static io.ember.api.functions.map_from_arrays;
import static io.ember.api.functions.map_keys;
import static io.ember.api.functions.map_values;
import static io.ember.api.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Map columns end to end: building, reading, exploding, showing, collecting and shuffling them, with Spark's errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapColumnsTest {
  private static final MapType SCORES = DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER);
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("grp", DataTypes.STRING), DataTypes.field("m", SCORES));

  Session session;
  DataFrame df;

  private static Map<String, Integer> map(Object... kv) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Integer) kv[i + 1]);
    }
    return m;
  }

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("maps").getOrCreate();
    df = session.createDataFrame(List.of(Row.of(1, "x", map("a", 1, "b", 2)), Row.of(2, "y", map()),
        Row.of(3, "x", null), Row.of(4, "y", map("c", null))), SCHEMA);
    df.createOrReplaceTempView("t");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static List<List<Object>> rows(DataFrame d) {
    return d.collectAsList().stream().map(r -> Arrays.asList(r.toArray())).toList();
  }

  @Test
  void collectShowAndPrintSchema() {
    List<List<Object>> all = rows(df.orderBy("id"));
    assertEquals(Map.of("a", 1, "b", 2), all.get(0).get(2));
    assertEquals(List.of("a", "b"), List.copyOf(((Map<?, ?>) all.get(0).get(2)).keySet()));
    assertEquals(String.join("\n",
        "+---+---+----------------+",
        "| id|grp|               m|",
        "+---+---+----------------+",
        "|  1|  x|{a -> 1, b -> 2}|",
        "|  2|  y|              {}|",
        "|  3|  x|            NULL|",
        "|  4|  y|     {c -> NULL}|",
        "+---+---+----------------+", ""), df.orderBy("id").showString(20, 20, false));
    assertEquals(String.join("\n",
        "root",
        " |-- id: integer (nullable = true)",
        " |-- grp: string (nullable = true)",
        " |-- m: map (nullable = true)",
        " |    |-- key: string",
        " |    |-- value: integer (valueContainsNull = true)", ""), df.schema().treeString());
    assertEquals("map<string,int>", df.schema().field(2).dataType().simpleString());
  }

  @Test
  void readingMaps() {
    DataFrame r = df.orderBy("id").select(col("m").getItem("a"), col("m").apply("b"), element_at(col("m"), "a"),
        size(col("m")), cardinality(col("m")), map_contains_key(col("m"), "c"), map_keys(col("m")),
        map_values(col("m")));
    assertEquals(List.of("m[a]", "m[b]", "element_at(m, a)", "size(m)", "cardinality(m)", "map_contains_key(m, c)",
        "map_keys(m)", "map_values(m)"), Arrays.asList(r.columns()));
    assertEquals(List.of(
        Arrays.asList(1, 2, 1, 2, 2, false, List.of("a", "b"), List.of(1, 2)),
        Arrays.asList(null, null, null, 0, 0, false, List.of(), List.of()),
        Arrays.asList(null, null, null, null, null, null, null, null),
        Arrays.asList(null, null, null, 1, 1, true, List.of("c"), Arrays.asList((Object) null))), rows(r));
    Row entry = (Row) ((List<?>) rows(df.filter(col("id").equalTo(1)).select(map_entries(col("m")))).get(0).get(0))
        .get(1);
    assertEquals(List.of("b", 2), Arrays.asList(entry.toArray()));
    assertEquals(List.of(List.of(1)), rows(df.filter(col("m.a").equalTo(1)).select(col("id"))));
  }

  @Test
  void buildingMaps() {
    DataFrame built = df.filter(col("id").equalTo(1)).select(create_map(lit("k"), col("id"), lit("g"), lit(7)),
        map_from_arrays(map_keys(col("m")), map_values(col("m"))));
    assertEquals("map(k, id, g, 7)", built.columns()[0]);
    assertEquals(List.of(Map.of("k", 1, "g", 7), Map.of("a", 1, "b", 2)), rows(built).get(0));
    EmberException nullKey = assertThrows(EmberException.class,
        () -> df.select(create_map(lit(null).cast("string"), col("id"))).collectAsList());
    assertEquals("NULL_MAP_KEY", nullKey.errorClass());
    EmberException dup = assertThrows(EmberException.class,
        () -> df.select(create_map(lit("a"), col("id"), lit("a"), lit(2))).collectAsList());
    assertEquals("DUPLICATED_MAP_KEY", dup.errorClass());
    assertTrue(dup.getMessage().contains("Duplicate map key a was found"), dup.getMessage());
    EmberException odd = assertThrows(AnalysisException.class,
        () -> df.select(create_map(lit("a"), col("id"), lit("b"))).schema());
    assertEquals("WRONG_NUM_ARGS", odd.errorClass());
  }

  @Test
  void explodeGivesKeyAndValue() {
    DataFrame e = df.select(col("id"), explode(col("m"))).orderBy("id", "key");
    assertEquals(List.of("id", "key", "value"), Arrays.asList(e.columns()));
    assertEquals(List.of(Arrays.asList(1, "a", 1), Arrays.asList(1, "b", 2), Arrays.asList(4, "c", null)), rows(e));
  }

  @Test
  void sqlOverMaps() {
    DataFrame s = session.sql("SELECT id, m['a'], map('x', id) AS mm, map_keys(m) FROM t WHERE size(m) > 1");
    assertEquals(List.of("id", "m[a]", "mm", "map_keys(m)"), Arrays.asList(s.columns()));
    assertEquals(List.of(Arrays.asList(1, 1, Map.of("x", 1), List.of("a", "b"))), rows(s));
    assertEquals(List.of(Arrays.asList("a", 1), Arrays.asList("b", 2)),
        rows(session.sql("SELECT explode(m) FROM t WHERE id = 1 ORDER BY key")));
  }

  @Test
  void mapsCrossShufflesAndGroupingByThemIsRefused() {
    DataFrame agg = df.repartition(3, col("grp")).groupBy("grp").agg(count(col("m")), first(col("m"), true))
        .orderBy("grp");
    List<List<Object>> groups = rows(agg);
    assertEquals(Arrays.asList("x", 1L, Map.of("a", 1, "b", 2)), groups.get(0)); // x: one non-null map, id 1
    assertEquals(List.of("y", 2L), groups.get(1).subList(0, 2));
    List<List<Object>> shuffled = rows(df.repartition(4).select(col("id"), col("m")).orderBy("id"));
    assertEquals(Map.of("a", 1, "b", 2), shuffled.get(0).get(1));
    assertEquals(4, shuffled.size());
    EmberException group = assertThrows(AnalysisException.class, () -> df.groupBy(col("m")).count().schema());
    assertEquals("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE", group.errorClass());
    EmberException sort = assertThrows(AnalysisException.class, () -> df.orderBy(col("m")).schema());
    assertEquals("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", sort.errorClass());
  }
}
