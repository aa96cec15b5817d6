package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapFunctionsTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();
  private static final MapType STRING_TO_INT = DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER);

  private final Batch maps = column(STRING_TO_INT, ordered("a", 1, "b", 2), ordered(), null, ordered("c", null));

  private static Map<Object, Object> ordered(Object... kv) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Expression call(String name, Expression... args) {
    return REGISTRY.build(name, List.of(args));
  }

  @Test
  void mapBuildsEntriesInArgumentOrderWithCommonTypes() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.LONG, 1, 2L, 3, null);
    Expression e = call("map", lit("x"), col(b, 0), lit("y"), col(b, 1));
    assertEquals(new MapType(DataTypes.STRING, DataTypes.LONG, true), e.dataType());
    List<Object> out = eval(e, b, ANSI);
    assertEquals(list(ordered("x", 1L, "y", 2L), ordered("x", 3L, "y", null)), out);
    assertEquals(List.of("x", "y"), List.copyOf(((Map<?, ?>) out.get(0)).keySet()));
  }

  @Test
  void nullAndRepeatedKeysAreSparksErrors() {
    Batch b = column(DataTypes.STRING, "k", null);
    EmberException nullKey = assertThrows(EmberException.class,
        () -> eval(call("map", col(b, 0), lit(1)), b, ANSI));
    assertEquals("NULL_MAP_KEY", nullKey.errorClass());
    EmberException dup = assertThrows(EmberException.class,
        () -> eval(call("map", lit(1), lit("a"), lit(1), lit("b")), b, ANSI));
    assertEquals("DUPLICATED_MAP_KEY", dup.errorClass());
    assertTrue(dup.getMessage().contains("\"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\""), dup.getMessage());
    assertEquals("WRONG_NUM_ARGS", assertThrows(AnalysisException.class,
        () -> call("map", lit(1))).errorClass());
    assertEquals("DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES", assertThrows(AnalysisException.class,
        () -> call("map", lit(1), lit(1), call("array", lit(1)), lit(2))).errorClass());
  }

  @Test
  void keysValuesEntriesSizeAndLookups() {
    Expression m = col(maps, 0);
    assertEquals(list(List.of("a", "b"), List.of(), null, List.of("c")), eval(call("map_keys", m), maps, ANSI));
    assertEquals(list(List.of(1, 2), List.of(), null, Arrays.asList((Object) null)),
        eval(call("map_values", m), maps, ANSI));
    List<?> entries = (List<?>) eval(call("map_entries", m), maps, ANSI).get(0);
    assertEquals(List.of("a", 1), Arrays.asList(((Row) entries.get(0)).toArray()));
    assertEquals(list(2, 0, null, 1), eval(call("size", m), maps, ANSI));
    assertEquals(list(1, null, null, null), eval(call("element_at", m, lit("a")), maps, ANSI));
    assertEquals(list(false, false, null, true), eval(call("map_contains_key", m, lit("c")), maps, ANSI));
    assertEquals(list(null, null, null, null), eval(MapFunctions.getValue(m, lit("zz"), null), maps, ANSI));
    assertEquals("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES", assertThrows(AnalysisException.class,
        () -> call("map_contains_key", m, call("array", lit(1)))).errorClass());
  }

  @Test
  void mapFromArraysPairsElementsAndChecksLengthsAndKeys() {
    Batch arrays = columns(DataTypes.array(DataTypes.STRING), DataTypes.array(DataTypes.INTEGER),
        List.of("a", "b"), List.of(1, 2), null, List.of(3));
    assertEquals(list(ordered("a", 1, "b", 2), null),
        eval(call("map_from_arrays", col(arrays, 0), col(arrays, 1)), arrays, ANSI));
    Batch uneven = columns(DataTypes.array(DataTypes.STRING), DataTypes.array(DataTypes.INTEGER), List.of("a"),
        List.of(1, 2));
    assertThrows(EmberException.class,
        () -> eval(call("map_from_arrays", col(uneven, 0), col(uneven, 1)), uneven, ANSI));
    Batch nullKey = columns(DataTypes.array(DataTypes.STRING), DataTypes.array(DataTypes.INTEGER),
        Arrays.asList("a", null), List.of(1, 2));
    assertEquals("NULL_MAP_KEY", assertThrows(EmberException.class,
        () -> eval(call("map_from_arrays", col(nullKey, 0), col(nullKey, 1)), nullKey, ANSI)).errorClass());
  }

  @Test
  void mapsCastAndRenderAsSpark() {
    Expression asString = Expressions.cast(col(maps, 0), DataTypes.STRING);
    assertEquals(list("{a -> 1, b -> 2}", "{}", null, "{c -> null}"), eval(asString, maps, ANSI));
    Expression widened = Expressions.cast(col(maps, 0), DataTypes.createMapType(DataTypes.STRING, DataTypes.LONG));
    assertEquals(list(ordered("a", 1L, "b", 2L), ordered(), null, ordered("c", null)), eval(widened, maps, ANSI));
  }
}
