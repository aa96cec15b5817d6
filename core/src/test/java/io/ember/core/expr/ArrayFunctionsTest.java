package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayFunctionsTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();
  private final Batch arrays = column(DataTypes.array(DataTypes.INTEGER),
      List.of(1, 2, 3), Arrays.asList(4, null), List.of(), null);

  private static Expression call(String name, Expression... args) {
    return REGISTRY.build(name, List.of(args));
  }

  @Test
  void arrayBuildsOneArrayPerRowWithCommonElementType() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.LONG, 1, 2L, null, 3L);
    Expression e = call("array", col(b, 0), col(b, 1));
    assertEquals(DataTypes.array(DataTypes.LONG), e.dataType());
    assertEquals(list(List.of(1L, 2L), Arrays.asList(null, 3L)), eval(e, b, ANSI));
    assertEquals(list(List.of(), List.of()), eval(call("array"), b, ANSI));
  }

  @Test
  void sizeOfNullIsNullUnderAnsiAndMinusOneInLegacyMode() {
    assertEquals(list(3, 2, 0, null), eval(call("size", col(arrays, 0)), arrays, ANSI));
    assertEquals(list(3, 2, 0, -1), eval(call("size", col(arrays, 0)), arrays, LEGACY));
  }

  @Test
  void arrayContainsIsNullWhenNoMatchAndAnElementIsNull() {
    assertEquals(list(true, null, false, null), eval(call("array_contains", col(arrays, 0), lit(1)), arrays, ANSI));
    assertEquals(list(false, true, false, null), eval(call("array_contains", col(arrays, 0), lit(4L)), arrays, ANSI));
  }

  @Test
  void elementAtIsOneBasedAndCountsNegativeIndexesFromTheEnd() {
    assertEquals(list(1, 4, null, null), eval(call("element_at", col(arrays, 0), lit(1)), arrays, LEGACY));
    assertEquals(list(3, null, null, null), eval(call("element_at", col(arrays, 0), lit(-1)), arrays, LEGACY));
    Batch one = column(DataTypes.array(DataTypes.STRING), List.of("a", "b"));
    assertEquals(list("b"), eval(call("element_at", col(one, 0), lit(2)), one, ANSI));
  }

  @Test
  void elementAtOutOfBoundsIsAnErrorUnderAnsi() {
    EmberException e = assertThrows(EmberException.class,
        () -> eval(call("element_at", col(arrays, 0), lit(3)), arrays, ANSI));
    assertEquals("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", e.errorClass());
    assertEquals("[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index 3 is out of bounds. The array has 2 elements. Use"
        + " `try_element_at` to tolerate accessing element at invalid index and return NULL instead. If necessary set"
        + " \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", e.getMessage());
    EmberIllegalArgumentException zero = assertThrows(EmberIllegalArgumentException.class,
        () -> eval(call("element_at", col(arrays, 0), lit(0)), arrays, LEGACY));
    assertEquals("INVALID_INDEX_OF_ZERO", zero.errorClass());
  }

  @Test
  void nonArrayArgumentsAreRejected() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("size", lit(1)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertThrows(AnalysisException.class, () -> call("array_contains", lit(1), lit(1)));
    assertThrows(AnalysisException.class, () -> call("array_contains", col(arrays, 0), lit(java.time.LocalDate.of(2024, 1, 1))));
    assertThrows(AnalysisException.class, () -> call("element_at", col(arrays, 0), lit("x")));
    assertThrows(AnalysisException.class, () -> call("size"));
  }
}
