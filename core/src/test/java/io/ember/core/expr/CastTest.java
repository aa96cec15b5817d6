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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberNumberFormatException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CastTest {
  private static Object cast(Object v, DataType to, EvalContext ctx) {
    return value(Expressions.cast(lit(v), to), ctx);
  }

  @Test
  void stringToIntAcceptsSignAndWhiteSpace() {
    Batch b = column(DataTypes.STRING, " 42 ", "-7", "+3", null, "2147483647", "-2147483648");
    assertEquals(list(42, -7, 3, null, Integer.MAX_VALUE, Integer.MIN_VALUE),
        eval(Expressions.cast(col(b, 0), DataTypes.INTEGER), b, ANSI));
  }

  @Test
  void malformedStringToIntIsCastInvalidInputUnderAnsi() {
    EmberNumberFormatException e = assertThrows(EmberNumberFormatException.class,
        () -> cast("abc", DataTypes.INTEGER, ANSI));
    assertEquals("CAST_INVALID_INPUT", e.errorClass());
    assertEquals("[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"INT\" because it is"
        + " malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate"
        + " malformed input and return NULL instead.", e.getMessage());
    assertThrows(EmberNumberFormatException.class, () -> cast("1.5", DataTypes.INTEGER, ANSI));
    assertThrows(EmberNumberFormatException.class, () -> cast("2147483648", DataTypes.INTEGER, ANSI));
  }

  @Test
  void legacyStringToIntIsNullWhenMalformedAndTruncatesFractions() {
    Batch b = column(DataTypes.STRING, "abc", "1.9", "-1.9", "2147483648", "", "9223372036854775807");
    assertEquals(list(null, 1, -1, null, null, null), eval(Expressions.cast(col(b, 0), DataTypes.INTEGER), b, LEGACY));
    assertEquals(list(null, 1L, -1L, 2147483648L, null, Long.MAX_VALUE),
        eval(Expressions.cast(col(b, 0), DataTypes.LONG), b, LEGACY));
  }

  @Test
  void stringToDoubleAndDecimal() {
    assertEquals(1.5, cast(" 1.5 ", DataTypes.DOUBLE, ANSI));
    assertEquals(Double.POSITIVE_INFINITY, cast("Infinity", DataTypes.DOUBLE, ANSI));
    assertEquals(Double.NEGATIVE_INFINITY, cast("-inf", DataTypes.DOUBLE, ANSI));
    assertTrue(Double.isNaN((Double) cast("NaN", DataTypes.DOUBLE, ANSI)));
    assertThrows(EmberNumberFormatException.class, () -> cast("x1", DataTypes.DOUBLE, ANSI));
    assertEquals(null, cast("x1", DataTypes.DOUBLE, LEGACY));
    assertEquals(new BigDecimal("12.35"), cast("12.345", DataTypes.decimal(5, 2), ANSI));
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class,
        () -> cast("12345.6", DataTypes.decimal(5, 2), ANSI));
    assertEquals("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", e.errorClass());
    assertEquals(null, cast("12345.6", DataTypes.decimal(5, 2), LEGACY));
  }

  @Test
  void stringToBooleanAcceptsSparkSpellings() {
    Batch b = column(DataTypes.STRING, "true", " T ", "YES", "y", "1", "false", "f", "No", "n", "0");
    assertEquals(list(true, true, true, true, true, false, false, false, false, false),
        eval(Expressions.cast(col(b, 0), DataTypes.BOOLEAN), b, ANSI));
    EmberException e = assertThrows(EmberException.class, () -> cast("maybe", DataTypes.BOOLEAN, ANSI));
    assertEquals("CAST_INVALID_INPUT", e.errorClass());
    assertEquals(null, cast("maybe", DataTypes.BOOLEAN, LEGACY));
  }

  @Test
  void stringToDateAndTimestamp() {
    assertEquals(LocalDate.of(2024, 2, 29), cast("2024-02-29", DataTypes.DATE, ANSI));
    assertEquals(LocalDate.of(2024, 1, 1), cast("2024", DataTypes.DATE, ANSI));
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class, () -> cast("2024-13-01", DataTypes.DATE, ANSI));
    assertTrue(e.getMessage().contains("The value '2024-13-01' of the type \"STRING\" cannot be cast to \"DATE\""));
    assertEquals(null, cast("2024-13-01", DataTypes.DATE, LEGACY));
    assertEquals(Instant.parse("2024-01-02T03:04:05.5Z"), cast("2024-01-02 03:04:05.5", DataTypes.TIMESTAMP, ANSI));
    EvalContext paris = new EvalContext(true, ZoneId.of("Europe/Paris"), 0L);
    assertEquals(Instant.parse("2024-01-02T02:04:05Z"), cast("2024-01-02T03:04:05", DataTypes.TIMESTAMP, paris));
    assertThrows(EmberDateTimeException.class, () -> cast("noon", DataTypes.TIMESTAMP, ANSI));
    assertEquals(null, cast("noon", DataTypes.TIMESTAMP, LEGACY));
  }

  @Test
  void numericNarrowingOverflowIsCastOverflowUnderAnsiAndWrapsInLegacyMode() {
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class,
        () -> cast(3_000_000_000L, DataTypes.INTEGER, ANSI));
    assertEquals("CAST_OVERFLOW", e.errorClass());
    assertEquals("[CAST_OVERFLOW] The value 3000000000L of the type \"BIGINT\" cannot be cast to \"INT\" due to an"
        + " overflow. Use `try_cast` to tolerate overflow and return NULL instead.", e.getMessage());
    assertEquals((int) 3_000_000_000L, cast(3_000_000_000L, DataTypes.INTEGER, LEGACY));
    EmberArithmeticException d = assertThrows(EmberArithmeticException.class, () -> cast(1e10, DataTypes.INTEGER, ANSI));
    assertTrue(d.getMessage().contains("The value 1.0E10D of the type \"DOUBLE\""), d.getMessage());
    assertEquals(Integer.MAX_VALUE, cast(1e10, DataTypes.INTEGER, LEGACY));
    assertThrows(EmberArithmeticException.class, () -> cast(Double.NaN, DataTypes.LONG, ANSI));
    assertEquals(0L, cast(Double.NaN, DataTypes.LONG, LEGACY));
  }

  @Test
  void numericConversionsTruncateTowardZero() {
    assertEquals(-1, cast(-1.9, DataTypes.INTEGER, ANSI));
    assertEquals(2L, cast(new BigDecimal("2.99"), DataTypes.LONG, ANSI));
    assertEquals(5.0, cast(5L, DataTypes.DOUBLE, ANSI));
    assertEquals(new BigDecimal("7.00"), cast(7, DataTypes.decimal(4, 2), ANSI));
    assertEquals(new BigDecimal("0.13"), cast(0.125, DataTypes.decimal(3, 2), ANSI));
    assertThrows(EmberArithmeticException.class, () -> cast(1000, DataTypes.decimal(4, 2), ANSI));
    assertEquals(null, cast(1000, DataTypes.decimal(4, 2), LEGACY));
  }

  @Test
  void booleansAndNumbers() {
    assertEquals(1, cast(true, DataTypes.INTEGER, ANSI));
    assertEquals(0.0, cast(false, DataTypes.DOUBLE, ANSI));
    assertEquals(true, cast(2L, DataTypes.BOOLEAN, ANSI));
    assertEquals(false, cast(0.0, DataTypes.BOOLEAN, ANSI));
    assertEquals(true, cast(new BigDecimal("0.1"), DataTypes.BOOLEAN, ANSI));
  }

  @Test
  void toStringUsesSparkFormatting() {
    assertEquals("1.0E10", cast(1e10, DataTypes.STRING, ANSI));
    assertEquals("1.5", cast(1.5, DataTypes.STRING, ANSI));
    assertEquals("-3", cast(-3, DataTypes.STRING, ANSI));
    assertEquals("true", cast(true, DataTypes.STRING, ANSI));
    assertEquals("1.50", cast(new BigDecimal("1.50"), DataTypes.STRING, ANSI));
    assertEquals("2024-03-05", cast(LocalDate.of(2024, 3, 5), DataTypes.STRING, ANSI));
    assertEquals("2024-03-05 01:02:03.25", cast(Instant.parse("2024-03-05T01:02:03.250Z"), DataTypes.STRING, ANSI));
    EvalContext tokyo = new EvalContext(true, ZoneId.of("Asia/Tokyo"), 0L);
    assertEquals("2024-03-05 10:02:03", cast(Instant.parse("2024-03-05T01:02:03Z"), DataTypes.STRING, tokyo));
  }

  @Test
  void datesAndTimestampsConvertInTheSessionZone() {
    EvalContext tokyo = new EvalContext(true, ZoneId.of("Asia/Tokyo"), 0L);
    assertEquals(Instant.parse("2024-03-04T15:00:00Z"), cast(LocalDate.of(2024, 3, 5), DataTypes.TIMESTAMP, tokyo));
    assertEquals(LocalDate.of(2024, 3, 6), cast(Instant.parse("2024-03-05T16:00:00Z"), DataTypes.DATE, tokyo));
    assertEquals(LocalDate.of(2024, 3, 5), cast(Instant.parse("2024-03-05T16:00:00Z"), DataTypes.DATE, ANSI));
  }

  @Test
  void numbersToTimestampAreSecondsAndBack() {
    assertEquals(Instant.parse("1970-01-01T00:01:00Z"), cast(60, DataTypes.TIMESTAMP, ANSI));
    assertEquals(Instant.parse("1970-01-01T00:00:01.5Z"), cast(1.5, DataTypes.TIMESTAMP, ANSI));
    assertEquals(-1L, cast(Instant.parse("1969-12-31T23:59:59.5Z"), DataTypes.LONG, ANSI));
    assertEquals(1.5, cast(Instant.parse("1970-01-01T00:00:01.5Z"), DataTypes.DOUBLE, ANSI));
    assertThrows(EmberArithmeticException.class, () -> cast(Double.NaN, DataTypes.TIMESTAMP, ANSI));
    assertEquals(null, cast(Double.NaN, DataTypes.TIMESTAMP, LEGACY));
  }

  @Test
  void arraysCastElementWiseAndPrintAsSpark() {
    Batch b = column(DataTypes.array(DataTypes.INTEGER), List.of(1, 2), java.util.Arrays.asList(3, null), null);
    assertEquals(list(List.of("1", "2"), java.util.Arrays.asList("3", null), null),
        eval(Expressions.cast(col(b, 0), DataTypes.array(DataTypes.STRING)), b, ANSI));
    assertEquals(list("[1, 2]", "[3, null]", null), eval(Expressions.cast(col(b, 0), DataTypes.STRING), b, ANSI));
    assertEquals(list(List.of(1.0, 2.0), java.util.Arrays.asList(3.0, null), null),
        eval(Expressions.cast(col(b, 0), DataTypes.array(DataTypes.DOUBLE)), b, ANSI));
  }

  @Test
  void nullLiteralCastsToAnyType() {
    assertEquals(null, cast(null, DataTypes.DATE, ANSI));
    assertEquals(null, cast(null, DataTypes.array(DataTypes.INTEGER), ANSI));
  }

  @Test
  void impossibleCastIsAnAnalysisError() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> Expressions.cast(lit(1), DataTypes.DATE));
    assertEquals("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION", e.errorClass());
    assertEquals("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"CAST(1 AS DATE)\" due to data type"
        + " mismatch: cannot cast \"INT\" to \"DATE\".", e.getMessage());
    assertThrows(AnalysisException.class, () -> Expressions.cast(lit(LocalDate.of(2024, 1, 1)), DataTypes.BOOLEAN));
    assertThrows(AnalysisException.class, () -> Expressions.cast(lit("x"), DataTypes.array(DataTypes.STRING)));
    assertThrows(AnalysisException.class, () -> Expressions.cast(lit(true), DataTypes.TIMESTAMP));
  }

  @Test
  void nullabilityOfLosslessCasts() {
    ColumnRef notNullInt = new ColumnRef(0, "c", DataTypes.INTEGER, false);
    assertFalse(Expressions.cast(notNullInt, DataTypes.LONG).nullable());
    assertFalse(Expressions.cast(notNullInt, DataTypes.STRING).nullable());
    assertTrue(Expressions.cast(new ColumnRef(0, "c", DataTypes.STRING, false), DataTypes.INTEGER).nullable());
    assertEquals("CAST(c AS BIGINT)", Expressions.cast(notNullInt, DataTypes.LONG).sql());
  }
}
