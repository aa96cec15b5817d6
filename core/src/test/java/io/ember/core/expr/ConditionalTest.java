package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionalTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();

  @Test
  void caseWhenTakesTheFirstTrueBranchAndSkipsNullConditions() {
    Batch b = column(DataTypes.INTEGER, 1, 5, 50, null);
    ColumnRef x = col(b, 0);
    Expression e = Expressions.caseWhen(
        List.of(Expressions.lessThan(x, lit(3)), Expressions.lessThan(x, lit(10))),
        List.of(lit("small"), lit("medium")), lit("large"));
    assertEquals(DataTypes.STRING, e.dataType());
    assertEquals(list("small", "medium", "large", "large"), eval(e, b, ANSI));
    assertEquals("CASE WHEN (c < 3) THEN 'small' WHEN (c < 10) THEN 'medium' ELSE 'large' END", e.sql());
  }

  @Test
  void caseWhenWithoutElseGivesNull() {
    Batch b = column(DataTypes.INTEGER, 1, 5);
    Expression e = Expressions.caseWhen(List.of(Expressions.lessThan(col(b, 0), lit(3))), List.of(lit(1)), null);
    assertTrue(e.nullable());
    assertEquals(list(1, null), eval(e, b, ANSI));
  }

  @Test
  void caseWhenValuesAreCoercedToTheirCommonType() {
    Batch b = column(DataTypes.BOOLEAN, true, false);
    Expression e = Expressions.caseWhen(List.of(col(b, 0)), List.of(lit(1)), lit(2.5));
    assertEquals(DataTypes.DOUBLE, e.dataType());
    assertEquals(list(1.0, 2.5), eval(e, b, ANSI));
  }

  @Test
  void caseWhenEvaluatesAValueOnlyOnTheRowsThatTakeIt() {
    Batch b = column(DataTypes.INTEGER, 0, 4);
    ColumnRef x = col(b, 0);
    Expression e = Expressions.caseWhen(List.of(Expressions.equalTo(x, lit(0))), List.of(lit(null)),
        Expressions.divide(lit(8), x));
    assertEquals(list(null, 2.0), eval(e, b, ANSI));
  }

  @Test
  void caseWhenRejectsNonBooleanConditionsAndIncompatibleValues() {
    AnalysisException cond = assertThrows(AnalysisException.class,
        () -> Expressions.caseWhen(List.of(lit(1)), List.of(lit("a")), null));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", cond.errorClass());
    AnalysisException values = assertThrows(AnalysisException.class,
        () -> Expressions.caseWhen(List.of(lit(true)), List.of(lit(1)), new Literal(List.of(1), DataTypes.array(DataTypes.INTEGER))));
    assertEquals("DATATYPE_MISMATCH.DATA_DIFF_TYPES", values.errorClass());
  }

  @Test
  void coalesceReturnsTheFirstNonNull() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.LONG, 1, 10L, null, 20L, null, null);
    Expression e = Expressions.coalesce(List.of(col(b, 0), col(b, 1), lit(-1)));
    assertEquals(DataTypes.LONG, e.dataType());
    assertFalse(e.nullable());
    assertEquals(list(1L, 20L, -1L), eval(e, b, ANSI));
    Expression allNullable = Expressions.coalesce(List.of(col(b, 0), col(b, 1)));
    assertEquals(list(1L, 20L, null), eval(allNullable, b, ANSI));
  }

  @Test
  void coalesceEvaluatesLaterArgumentsOnlyWhereStillNull() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.INTEGER, 5, 0, null, 2);
    Expression e = Expressions.coalesce(List.of(col(b, 0), Expressions.divide(lit(1), col(b, 1))));
    assertEquals(list(5.0, 0.5), eval(e, b, ANSI));
  }

  @Test
  void coalesceOfIncompatibleTypesIsMismatch() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> Expressions.coalesce(List.of(lit(1), lit(LocalDate.of(2024, 1, 1)))));
    assertEquals("DATATYPE_MISMATCH.DATA_DIFF_TYPES", e.errorClass());
    assertTrue(e.getMessage().contains("Input to `coalesce` should all be the same type"), e.getMessage());
  }

  @Test
  void nvlIfnullNullifIsnullIsnotnullAndIf() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.INTEGER, 1, 1, 2, 3, null, 3);
    ColumnRef a = col(b, 0);
    ColumnRef c = col(b, 1);
    assertEquals(list(1, 2, 3), eval(REGISTRY.build("nvl", List.of(a, c)), b, ANSI));
    assertEquals(list(1, 2, 3), eval(REGISTRY.build("IFNULL", List.of(a, c)), b, ANSI));
    assertEquals(list(null, 2, null), eval(REGISTRY.build("nullif", List.of(a, c)), b, ANSI));
    assertEquals(list(false, false, true), eval(REGISTRY.build("isnull", List.of(a)), b, ANSI));
    assertEquals(list(true, true, false), eval(REGISTRY.build("isnotnull", List.of(a)), b, ANSI));
    assertEquals(list(1, 2, 3), eval(REGISTRY.build("coalesce", List.of(a, c)), b, ANSI));
    Expression iff = REGISTRY.build("if", List.of(Expressions.greaterThan(a, lit(1)), lit("big"), lit("small")));
    assertEquals(list("small", "big", "small"), eval(iff, b, ANSI));
  }

  @Test
  void wrongArityIsWrongNumArgs() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> REGISTRY.build("nvl", List.of(lit(1))));
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
    assertEquals("[WRONG_NUM_ARGS] The `nvl` requires 2 parameters but the actual number is 1.", e.getMessage());
    assertThrows(AnalysisException.class, () -> REGISTRY.build("if", List.of(lit(true), lit(1))));
    assertThrows(AnalysisException.class, () -> REGISTRY.build("coalesce", List.of()));
  }

  @Test
  void nullifOfEqualStringsIsNull() {
    assertEquals(null, value(REGISTRY.build("nullif", List.of(lit("a"), lit("a")))));
    assertEquals("a", value(REGISTRY.build("nullif", List.of(lit("a"), lit("b")))));
  }
}
