package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
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
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ArithmeticTest {
  private final Batch ints = columns(DataTypes.INTEGER, DataTypes.INTEGER, 7, 2, -7, 2, null, 1, 5, null);

  @Test
  void intArithmeticKeepsIntAndPropagatesNulls() {
    Expression sum = Expressions.add(col(ints, 0), col(ints, 1));
    assertEquals(DataTypes.INTEGER, sum.dataType());
    assertEquals(list(9, -5, null, null), eval(sum, ints, ANSI));
    assertEquals(list(5, -9, null, null), eval(Expressions.subtract(col(ints, 0), col(ints, 1)), ints, ANSI));
    assertEquals(list(14, -14, null, null), eval(Expressions.multiply(col(ints, 0), col(ints, 1)), ints, ANSI));
    assertEquals("(a + b)", sum.sql());
  }

  @Test
  void divideOfIntsIsDouble() {
    Expression q = Expressions.divide(col(ints, 0), col(ints, 1));
    assertEquals(DataTypes.DOUBLE, q.dataType());
    assertEquals(list(3.5, -3.5, null, null), eval(q, ints, ANSI));
  }

  @Test
  void remainderTakesTheSignOfTheDividend() {
    Expression r = Expressions.remainder(col(ints, 0), col(ints, 1));
    assertEquals(DataTypes.INTEGER, r.dataType());
    assertEquals(list(1, -1, null, null), eval(r, ints, ANSI));
    assertEquals(-1.5, value(Expressions.remainder(lit(-7.5), lit(2))));
  }

  @Test
  void wideningOfMixedOperands() {
    assertEquals(DataTypes.LONG, Expressions.add(lit(1), lit(2L)).dataType());
    assertEquals(3L, value(Expressions.add(lit(1), lit(2L))));
    assertEquals(DataTypes.DOUBLE, Expressions.add(lit(1), lit(0.5)).dataType());
    assertEquals(1.5, value(Expressions.add(lit(1), lit(0.5))));
    assertEquals(DataTypes.DOUBLE, Expressions.divide(lit(1L), lit(4L)).dataType());
    assertEquals(0.25, value(Expressions.divide(lit(1L), lit(4L))));
  }

  @Test
  void stringOperandIsReadAsBigintNextToIntegralAndDoubleOtherwise() {
    Expression e = Expressions.add(lit("40"), lit(2));
    assertEquals(DataTypes.LONG, e.dataType());
    assertEquals(42L, value(e));
    Expression d = Expressions.add(lit("1.5"), lit(0.5));
    assertEquals(DataTypes.DOUBLE, d.dataType());
    assertEquals(2.0, value(d));
  }

  @Test
  void integerOverflowIsAnErrorUnderAnsiAndWrapsInLegacyMode() {
    Expression e = Expressions.add(lit(Integer.MAX_VALUE), lit(1));
    EmberArithmeticException ex = assertThrows(EmberArithmeticException.class, () -> value(e, ANSI));
    assertEquals("ARITHMETIC_OVERFLOW", ex.errorClass());
    assertEquals("[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow and return NULL instead."
        + " If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", ex.getMessage());
    assertEquals(Integer.MIN_VALUE, value(e, LEGACY));
    Expression m = Expressions.multiply(lit(Long.MAX_VALUE), lit(2L));
    EmberArithmeticException lx = assertThrows(EmberArithmeticException.class, () -> value(m, ANSI));
    assertTrue(lx.getMessage().contains("long overflow. Use 'try_multiply'"), lx.getMessage());
    assertEquals(-2L, value(m, LEGACY));
  }

  @Test
  void overflowOnANullRowIsNotAnError() {
    IntVector withJunkInNullSlot = new IntVector(DataTypes.INTEGER, new int[] {Integer.MAX_VALUE, 1},
        new boolean[] {true, false}, 2);
    Batch b = new Batch(DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER)),
        new ColumnVector[] {withJunkInNullSlot}, 2);
    Expression e = Expressions.add(col(b, 0), lit(1));
    assertEquals(list(null, 2), eval(e, b, ANSI));
  }

  @Test
  void divisionByZeroIsAnErrorUnderAnsiAndNullInLegacyMode() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.INTEGER, 1, 0, 4, 2);
    Expression q = Expressions.divide(col(b, 0), col(b, 1));
    EmberArithmeticException ex = assertThrows(EmberArithmeticException.class, () -> eval(q, b, ANSI));
    assertEquals("DIVIDE_BY_ZERO", ex.errorClass());
    assertEquals("[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL"
        + " instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", ex.getMessage());
    assertEquals(list(null, 2.0), eval(q, b, LEGACY));
    Expression r = Expressions.remainder(col(b, 0), col(b, 1));
    assertThrows(EmberArithmeticException.class, () -> eval(r, b, ANSI));
    assertEquals(list(null, 0), eval(r, b, LEGACY));
    assertEquals(null, value(Expressions.divide(lit(1.0), lit(0.0)), LEGACY));
    assertEquals(null, value(Expressions.remainder(lit(5L), lit(0L)), LEGACY));
  }

  @Test
  void decimalResultTypesFollowSparkPrecisionRules() {
    Expression sum = Expressions.add(lit(new BigDecimal("1.25")), lit(new BigDecimal("10.5")));
    assertEquals(DataTypes.decimal(5, 2), sum.dataType());
    assertEquals(new BigDecimal("11.75"), value(sum));
    Expression product = Expressions.multiply(lit(new BigDecimal("1.25")), lit(new BigDecimal("10.5")));
    assertEquals(DataTypes.decimal(7, 3), product.dataType());
    assertEquals(new BigDecimal("13.125"), value(product));
    Expression quotient = Expressions.divide(lit(new BigDecimal("1.00")), lit(new BigDecimal("3")));
    assertEquals(DataTypes.decimal(7, 6), quotient.dataType());
    assertEquals(new BigDecimal("0.333333"), value(quotient));
    Expression withInt = Expressions.add(lit(new BigDecimal("0.5")), lit(1));
    assertEquals(DataTypes.decimal(3, 1), withInt.dataType());
    assertEquals(new BigDecimal("1.5"), value(withInt));
    assertEquals(DataTypes.DOUBLE, Expressions.add(lit(new BigDecimal("0.5")), lit(1.0)).dataType());
    assertEquals(new BigDecimal("0.5"), value(Expressions.remainder(lit(new BigDecimal("5.5")), lit(1))));
  }

  @Test
  void integerLiteralsNextToDecimalsTakeTheFewestDigitsTheirValueNeeds() {
    Batch decs = columns(DataTypes.decimal(8, 2), DataTypes.INTEGER, new BigDecimal("-12.34"), 3, null, 7);
    Expression twice = Expressions.multiply(col(decs, 0), lit(2));
    assertEquals(DataTypes.decimal(10, 2), twice.dataType());
    assertEquals(list(new BigDecimal("-24.68"), null), eval(twice, decs, ANSI));
    Expression third = Expressions.divide(col(decs, 0), lit(3));
    assertEquals(DataTypes.decimal(12, 6), third.dataType());
    assertEquals(list(new BigDecimal("-4.113333"), null), eval(third, decs, ANSI));
    assertEquals(DataTypes.decimal(3, 2), Expressions.remainder(col(decs, 0), lit(7)).dataType());
    assertEquals(DataTypes.decimal(15, 2), Expressions.add(lit(123456789012L), col(decs, 0)).dataType());
    // an int column is decimal(10,0) whatever its values
    assertEquals(DataTypes.decimal(19, 2), Expressions.multiply(col(decs, 1), col(decs, 0)).dataType());
    Expression literals = Expressions.divide(lit(new BigDecimal("1.0")), lit(3));
    assertEquals(DataTypes.decimal(7, 6), literals.dataType());
    assertEquals(new BigDecimal("0.333333"), value(literals));
  }

  @Test
  void decimalPrecisionLossKeepsAtLeastSixDigitsOfScale() {
    assertEquals(DataTypes.decimal(38, 6), TypeCoercion.decimalResult(BinaryArithmetic.Op.MULTIPLY,
        DataTypes.decimal(38, 10), DataTypes.decimal(38, 10)));
    assertEquals(DataTypes.decimal(38, 6), TypeCoercion.decimalResult(BinaryArithmetic.Op.DIVIDE,
        DataTypes.decimal(38, 2), DataTypes.decimal(38, 2)));
  }

  @Test
  void decimalOverflowIsOutOfRangeUnderAnsiAndNullInLegacyMode() {
    Batch b = columns(DataTypes.decimal(38, 0), DataTypes.decimal(38, 0),
        new BigDecimal("99999999999999999999999999999999999999"), new BigDecimal("1"));
    Expression e = Expressions.add(col(b, 0), col(b, 1));
    EmberArithmeticException ex = assertThrows(EmberArithmeticException.class, () -> eval(e, b, ANSI));
    assertEquals("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", ex.errorClass());
    assertTrue(ex.getMessage().contains("cannot be represented as Decimal(38, 0)"), ex.getMessage());
    assertEquals(list((Object) null), eval(e, b, LEGACY));
    assertThrows(EmberArithmeticException.class,
        () -> value(Expressions.divide(lit(new BigDecimal("1.0")), lit(new BigDecimal("0.0")))));
  }

  @Test
  void negateOfTheSmallestIntOverflows() {
    Expression e = Expressions.negate(lit(Integer.MIN_VALUE));
    EmberArithmeticException ex = assertThrows(EmberArithmeticException.class, () -> value(e, ANSI));
    assertEquals("ARITHMETIC_OVERFLOW", ex.errorClass());
    assertEquals(Integer.MIN_VALUE, value(e, LEGACY));
    assertEquals(-5L, value(Expressions.negate(lit(5L))));
    assertEquals(-1.5, value(Expressions.negate(lit(1.5))));
    assertEquals(new BigDecimal("-1.5"), value(Expressions.negate(lit(new BigDecimal("1.5")))));
    assertEquals(null, value(Expressions.negate(new Literal(null, DataTypes.INTEGER))));
  }

  @Test
  void datePlusOrMinusDaysIsDateAddAndDateSub() {
    java.time.LocalDate d = java.time.LocalDate.of(2024, 2, 28);
    Expression plus = Expressions.add(lit(d), lit(2));
    assertEquals(DataTypes.DATE, plus.dataType());
    assertEquals(java.time.LocalDate.of(2024, 3, 1), value(plus));
    assertEquals(java.time.LocalDate.of(2024, 3, 1), value(Expressions.add(lit(2), lit(d))));
    assertEquals(java.time.LocalDate.of(2024, 2, 18), value(Expressions.subtract(lit(d), lit(10))));
    assertThrows(AnalysisException.class, () -> Expressions.multiply(lit(d), lit(2)));
  }

  @Test
  void nonNumericOperandsAreDatatypeMismatch() {
    AnalysisException wrong = assertThrows(AnalysisException.class, () -> Expressions.add(lit(true), lit(false)));
    assertEquals("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", wrong.errorClass());
    assertEquals("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve \"(true + false)\" due to data type mismatch:"
        + " the binary operator requires the input type \"NUMERIC\", not \"BOOLEAN\".", wrong.getMessage());
    AnalysisException diff = assertThrows(AnalysisException.class, () -> Expressions.add(lit(1), lit(true)));
    assertTrue(diff.getMessage().contains("the binary operator requires the input type \"NUMERIC\", not \"BOOLEAN\""),
        diff.getMessage());
    assertThrows(AnalysisException.class, () -> Expressions.negate(lit(true)));
  }

  @Test
  void nullabilityFollowsTheOperation() {
    Batch b = columns(DataTypes.INTEGER, DataTypes.INTEGER, 1, 2);
    ColumnRef a = new ColumnRef(0, "a", DataTypes.INTEGER, false);
    ColumnRef c = new ColumnRef(1, "b", DataTypes.INTEGER, false);
    assertFalse(Expressions.add(a, c).nullable());
    assertTrue(Expressions.divide(a, c).nullable());
    assertEquals(list(3), eval(Expressions.add(a, c), b, ANSI));
  }
}
