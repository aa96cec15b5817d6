package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.standard();

  private static Expression call(String name, Expression... args) {
    return REGISTRY.build(name, List.of(args));
  }

  @Test
  void absKeepsTheTypeAndOverflowsOnTheSmallestInt() {
    Batch b = column(DataTypes.INTEGER, -3, 4, null);
    assertEquals(list(3, 4, null), eval(call("abs", col(b, 0)), b, ANSI));
    assertEquals(DataTypes.INTEGER, call("abs", col(b, 0)).dataType());
    assertEquals(2.5, value(call("abs", lit(-2.5))));
    assertEquals(new BigDecimal("1.25"), value(call("abs", lit(new BigDecimal("-1.25")))));
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class,
        () -> value(call("abs", lit(Integer.MIN_VALUE)), ANSI));
    assertEquals("ARITHMETIC_OVERFLOW", e.errorClass());
    assertEquals(Integer.MIN_VALUE, value(call("abs", lit(Integer.MIN_VALUE)), LEGACY));
  }

  @Test
  void roundIsHalfUpAndBroundIsHalfEven() {
    assertEquals(3.0, value(call("round", lit(2.5))));
    assertEquals(-3.0, value(call("round", lit(-2.5))));
    assertEquals(2.0, value(call("bround", lit(2.5))));
    assertEquals(0.13, value(call("round", lit(0.125), lit(2))));
    assertEquals(0.12, value(call("bround", lit(0.125), lit(2))));
    assertEquals(DataTypes.DOUBLE, call("round", lit(1.5)).dataType());
  }

  @Test
  void roundOfIntegralStaysIntegralAndNegativeScaleRoundsTens() {
    Expression e = call("round", lit(125), lit(-1));
    assertEquals(DataTypes.INTEGER, e.dataType());
    assertEquals(130, value(e));
    assertEquals(120, value(call("bround", lit(125), lit(-1))));
    assertEquals(7L, value(call("round", lit(7L))));
    assertThrows(EmberArithmeticException.class, () -> value(call("round", lit(Integer.MAX_VALUE), lit(-1)), ANSI));
  }

  @Test
  void roundOfDecimalNarrowsTheScale() {
    Expression e = call("round", lit(new BigDecimal("123.456")), lit(1));
    assertEquals(DataTypes.decimal(5, 1), e.dataType());
    assertEquals(new BigDecimal("123.5"), value(e));
    assertEquals(new BigDecimal("100"), value(call("round", lit(new BigDecimal("123.456")), lit(-2))));
  }

  @Test
  void roundScaleMustBeAConstant() {
    Batch b = column(DataTypes.INTEGER, 1);
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("round", lit(1.5), col(b, 0)));
    assertEquals("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", e.errorClass());
  }

  @Test
  void floorAndCeilReturnBigintForDoublesAndDecimalsForDecimals() {
    Batch b = column(DataTypes.DOUBLE, 1.5, -1.5, null);
    Expression floor = call("floor", col(b, 0));
    assertEquals(DataTypes.LONG, floor.dataType());
    assertEquals(list(1L, -2L, null), eval(floor, b, ANSI));
    assertEquals(list(2L, -1L, null), eval(call("ceil", col(b, 0)), b, ANSI));
    assertEquals(5L, value(call("ceil", lit(5))));
    Expression dec = call("ceil", lit(new BigDecimal("9.10")));
    assertEquals(DataTypes.decimal(2, 0), dec.dataType());
    assertEquals(new BigDecimal("10"), value(dec));
    assertEquals(new BigDecimal("-10"), value(call("floor", lit(new BigDecimal("-9.1")))));
  }

  @Test
  void doubleFunctions() {
    assertEquals(3.0, value(call("sqrt", lit(9))));
    assertTrue(Double.isNaN((Double) value(call("sqrt", lit(-1.0)))));
    assertEquals(1024.0, value(call("pow", lit(2), lit(10))));
    assertEquals(8.0, value(call("power", lit(2.0), lit(3L))));
    assertEquals(Math.E, value(call("exp", lit(1))));
    assertEquals(0.0, value(call("ln", lit(1.0))));
    assertEquals(1.0, value(call("log", lit(Math.E))));
    assertEquals(3.0, (Double) value(call("log", lit(2), lit(8))), 1e-12);
    assertEquals(2.0, value(call("log10", lit(100))));
    assertEquals(5.0, value(call("log2", lit(32))));
    assertEquals(-1.0, value(call("signum", lit(-7))));
    assertEquals(DataTypes.DOUBLE, call("sqrt", lit(4)).dataType());
    assertEquals("SQRT(c)", call("sqrt", col(column(DataTypes.INTEGER, 1), 0)).sql());
  }

  @Test
  void logarithmsOutsideTheirDomainAreNull() {
    Batch b = column(DataTypes.DOUBLE, 0.0, -1.0, 10.0, null);
    assertEquals(list(null, null, 1.0, null), eval(call("log10", col(b, 0)), b, ANSI));
    assertEquals(null, value(call("ln", lit(0))));
    assertEquals(null, value(call("log", lit(-2), lit(8))));
    assertEquals(null, value(call("log2", lit(0))));
  }

  @Test
  void pmodIsNonNegativeForAPositiveDivisorWhereRemainderKeepsTheDividendsSign() {
    Batch b = ExprFixtures.columns(DataTypes.INTEGER, DataTypes.INTEGER, -7, 3, 7, 3, -7, -3, 7, 0, null, 3);
    assertEquals(list(-1, 1, -1, null, null), eval(Expressions.remainder(col(b, 0), col(b, 1)), b, LEGACY));
    Expression pmod = call("pmod", col(b, 0), col(b, 1));
    assertEquals(DataTypes.INTEGER, pmod.dataType());
    assertEquals(list(2, 1, -1, null, null), eval(pmod, b, LEGACY));
    assertEquals("pmod(a, b)", pmod.sql());
    assertThrows(EmberArithmeticException.class, () -> eval(pmod, b, ANSI));
    assertEquals(2.5, value(call("pmod", lit(-0.5), lit(3))));
    assertEquals(new BigDecimal("1.5"), value(call("pmod", lit(new BigDecimal("-7.5")), lit(3))));
    assertEquals(1, value(call("pmod", lit(Integer.MIN_VALUE), lit(3))));
  }

  @Test
  void greatestAndLeastSkipNulls() {
    Batch b = ExprFixtures.columns(DataTypes.INTEGER, DataTypes.DOUBLE, 1, 0.5, null, 2.5, null, null);
    Expression g = call("greatest", col(b, 0), col(b, 1), lit(0));
    assertEquals(DataTypes.DOUBLE, g.dataType());
    assertEquals(list(1.0, 2.5, 0.0), eval(g, b, ANSI));
    assertEquals(list(0.5, 2.5, null), eval(call("least", col(b, 0), col(b, 1)), b, ANSI));
    assertEquals("b", value(call("greatest", lit("a"), lit("b"))));
  }

  @Test
  void wrongArityAndTypes() {
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("sqrt", lit(1), lit(2)));
    assertEquals("[WRONG_NUM_ARGS] The `sqrt` requires 1 parameters but the actual number is 2.", arity.getMessage());
    assertThrows(AnalysisException.class, () -> call("greatest", lit(1)));
    assertThrows(AnalysisException.class, () -> call("round", lit(1), lit(2), lit(3)));
    assertThrows(AnalysisException.class, () -> call("log"));
    AnalysisException type = assertThrows(AnalysisException.class, () -> call("sqrt", lit(true)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", type.errorClass());
    assertThrows(AnalysisException.class, () -> call("abs", lit(true)));
  }
}
