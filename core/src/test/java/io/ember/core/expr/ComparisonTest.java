package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
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
import io.ember.core.errors.EmberNumberFormatException;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private final Batch ints = columns(DataTypes.INTEGER, DataTypes.INTEGER, 1, 2, 2, 2, 3, 2, null, 2, 1, null);

  @Test
  void everyComparisonOverIntsWithNulls() {
    ColumnRef a = col(ints, 0);
    ColumnRef b = col(ints, 1);
    assertEquals(list(false, true, false, null, null), eval(Expressions.equalTo(a, b), ints, ANSI));
    assertEquals(list(true, false, true, null, null), eval(Expressions.notEqual(a, b), ints, ANSI));
    assertEquals(list(true, false, false, null, null), eval(Expressions.lessThan(a, b), ints, ANSI));
    assertEquals(list(true, true, false, null, null), eval(Expressions.lessThanOrEqual(a, b), ints, ANSI));
    assertEquals(list(false, false, true, null, null), eval(Expressions.greaterThan(a, b), ints, ANSI));
    assertEquals(list(false, true, true, null, null), eval(Expressions.greaterThanOrEqual(a, b), ints, ANSI));
  }

  @Test
  void nullSafeEqualIsNeverNull() {
    Batch b = columns(DataTypes.STRING, DataTypes.STRING, "x", "x", "x", "y", null, "x", null, null);
    Expression e = Expressions.nullSafeEqual(col(b, 0), col(b, 1));
    assertFalse(e.nullable());
    assertEquals(list(true, false, false, true), eval(e, b, ANSI));
    assertEquals("(a <=> b)", e.sql());
  }

  @Test
  void mixedNumericTypesWiden() {
    assertEquals(true, value(Expressions.equalTo(lit(1), lit(1L))));
    assertEquals(true, value(Expressions.lessThan(lit(1), lit(1.5))));
    assertEquals(true, value(Expressions.equalTo(lit(new BigDecimal("1.50")), lit(new BigDecimal("1.5")))));
    assertEquals(true, value(Expressions.greaterThan(lit(new BigDecimal("2.5")), lit(2))));
  }

  @Test
  void doublesCompareAsSpark() {
    assertEquals(true, value(Expressions.equalTo(lit(Double.NaN), lit(Double.NaN))));
    assertEquals(true, value(Expressions.greaterThan(lit(Double.NaN), lit(Double.POSITIVE_INFINITY))));
    assertEquals(true, value(Expressions.equalTo(lit(-0.0), lit(0.0))));
    assertEquals(false, value(Expressions.lessThan(lit(-0.0), lit(0.0))));
  }

  @Test
  void stringsCompareByCodePoint() {
    Batch b = columns(DataTypes.STRING, DataTypes.STRING, "a", "b", "Z", "a", "é", "z", "ab", "a");
    assertEquals(list(true, true, false, false), eval(Expressions.lessThan(col(b, 0), col(b, 1)), b, ANSI));
  }

  @Test
  void stringComparedWithNumberIsCastToTheNumber() {
    Expression e = Expressions.equalTo(lit("1"), lit(1));
    assertEquals(true, value(e));
    assertTrue(e.children().get(0) instanceof Cast);
    assertEquals(DataTypes.INTEGER, e.children().get(0).dataType());
    EmberNumberFormatException ex = assertThrows(EmberNumberFormatException.class,
        () -> value(Expressions.equalTo(lit("abc"), lit(1)), ANSI));
    assertEquals("CAST_INVALID_INPUT", ex.errorClass());
    assertEquals(null, value(Expressions.equalTo(lit("abc"), lit(1)), LEGACY));
    assertEquals(true, value(Expressions.lessThan(lit(new BigDecimal("1.5")), lit("2.25"))));
  }

  @Test
  void dateComparedWithStringCastsTheString() {
    Batch b = column(DataTypes.DATE, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 1, 31), null);
    Expression e = Expressions.greaterThanOrEqual(col(b, 0), lit("2024-02-01"));
    assertEquals(DataTypes.DATE, e.children().get(1).dataType());
    assertEquals(list(true, false, null), eval(e, b, ANSI));
    Expression withTimestamp = Expressions.lessThan(lit(LocalDate.of(2024, 1, 1)), lit(java.time.Instant.parse(
        "2024-01-01T00:00:01Z")));
    assertEquals(true, value(withTimestamp));
  }

  @Test
  void incomparableTypesAreDatatypeMismatch() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> Expressions.equalTo(lit(1), lit(LocalDate.of(2024, 1, 1))));
    assertEquals("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", e.errorClass());
    assertEquals("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(1 = 2024-01-01)\" due to data type"
        + " mismatch: the left and right operands of the binary operator have incompatible types (\"INT\" and"
        + " \"DATE\").", e.getMessage());
    assertThrows(AnalysisException.class, () -> Expressions.lessThan(lit(true), lit(1)));
  }

  @Test
  void inIsTrueOnMatchNullOnNoMatchWithNullsElseFalse() {
    Batch b = column(DataTypes.INTEGER, 1, 4, null);
    Expression plain = Expressions.in(col(b, 0), List.of(lit(1), lit(2), lit(3)));
    assertEquals(list(true, false, null), eval(plain, b, ANSI));
    Expression withNull = Expressions.in(col(b, 0), List.of(lit(1), lit(null)));
    assertEquals(list(true, null, null), eval(withNull, b, ANSI));
    Expression widened = Expressions.in(col(b, 0), List.of(lit(4L), lit(1.0)));
    assertEquals(list(true, true, null), eval(widened, b, ANSI));
    Expression againstColumn = Expressions.in(lit(4), List.of(col(b, 0)));
    assertEquals(list(false, true, null), eval(againstColumn, b, ANSI));
    assertEquals("(c IN (1, 2, 3))", plain.sql());
  }

  @Test
  void inOfAnEmptyListIsFalseEvenForNull() {
    Batch b = column(DataTypes.INTEGER, 1, null);
    Expression e = Expressions.in(col(b, 0), List.of());
    assertFalse(e.nullable());
    assertEquals(list(false, false), eval(e, b, ANSI));
  }

  @Test
  void inOfIncompatibleTypesIsDatatypeMismatch() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> Expressions.in(lit(1), List.of(lit(LocalDate.of(2024, 1, 1)))));
    assertEquals("DATATYPE_MISMATCH.DATA_DIFF_TYPES", e.errorClass());
  }

  @Test
  void betweenIsInclusiveOnBothEnds() {
    Batch b = column(DataTypes.INTEGER, 0, 1, 5, 10, 11, null);
    Expression e = Expressions.between(col(b, 0), lit(1), lit(10));
    assertEquals(list(false, true, true, true, false, null), eval(e, b, ANSI));
  }
}
