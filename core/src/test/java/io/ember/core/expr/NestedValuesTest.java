package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Struct construction, positioned elements ({@code posexplode}'s input) and fields through arrays of structs. */
class NestedValuesTest {
  private static final StructType AB = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER),
      DataTypes.field("b", DataTypes.STRING));

  private static Expression call(String name, Expression... args) {
    return FunctionRegistry.standard().build(name, List.of(args));
  }

  @Test
  void namedStructAndPositionalStruct() {
    Expression s = call("named_struct", lit("a"), lit(1), lit("b"), lit("x"));
    assertEquals(new Row(AB, new Object[] {1, "x"}), value(s));
    assertEquals(List.of("col1", "col2"), ((StructType) call("struct", lit(1), lit("x")).dataType()).fieldNames());
    assertEquals("DATATYPE_MISMATCH.CREATE_NAMED_STRUCT_WITHOUT_FOLDABLE_STRING", assertThrows(
        AnalysisException.class, () -> call("named_struct", lit(1), lit(1))).errorClass());
    assertEquals("WRONG_NUM_ARGS", assertThrows(AnalysisException.class,
        () -> call("named_struct", lit("a"))).errorClass());
  }

  @Test
  void positionedElementsOfArraysAndMaps() {
    Batch arrays = column(DataTypes.array(DataTypes.STRING), List.of("x", "y"), null, List.of(),
        Arrays.asList("z", null));
    Expression pe = new PositionedElements(col(arrays, 0));
    StructType et = PositionedElements.elementType(arrays.schema().field(0).dataType());
    assertEquals(List.of("pos", "col"), et.fieldNames());
    assertEquals(Arrays.asList(List.of(new Row(et, new Object[] {0, "x"}), new Row(et, new Object[] {1, "y"})), null,
        List.of(), List.of(new Row(et, new Object[] {0, "z"}), new Row(et, new Object[] {1, null}))),
        eval(pe, arrays, ANSI));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("k", 1);
    m.put("l", 2);
    Batch maps = column(DataTypes.createMapType(DataTypes.STRING, DataTypes.INTEGER), m, null);
    StructType me = PositionedElements.elementType(maps.schema().field(0).dataType());
    assertEquals(List.of("pos", "key", "value"), me.fieldNames());
    assertEquals(Arrays.asList(List.of(new Row(me, new Object[] {0, "k", 1}), new Row(me, new Object[] {1, "l", 2})),
        null), eval(new PositionedElements(col(maps, 0)), maps, ANSI));
  }

  @Test
  void fieldThroughAnArrayOfStructsKeepsNulls() {
    Batch b = column(new ArrayType(AB, true), List.of(new Row(AB, new Object[] {1, "x"}),
        new Row(AB, new Object[] {2, null})), Arrays.asList(new Row(AB, new Object[] {3, "y"}), null), null,
        List.of());
    assertEquals(Arrays.asList(Arrays.asList("x", null), Arrays.asList("y", null), null, List.of()),
        eval(new ArrayStructField(col(b, 0), 1, "b"), b, ANSI));
    assertEquals(Arrays.asList(List.of(1, 2), Arrays.asList(3, null), null, List.of()),
        eval(new ArrayStructField(col(b, 0), 0, "a"), b, ANSI));
    assertEquals(new ArrayType(DataTypes.STRING, true), new ArrayStructField(col(b, 0), 1, "b").dataType());
  }
}
