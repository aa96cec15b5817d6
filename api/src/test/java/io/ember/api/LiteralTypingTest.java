package io.ember.api;

import static io.ember.api.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Java values become literals of Spark's types. */
class LiteralTypingTest {
  private static LogicalExpr.LiteralValue literal(Object v) {
    return (LogicalExpr.LiteralValue) lit(v).expr();
  }

  private static DataType typeOf(Object v) {
    return literal(v).type();
  }

  @Test
  void primitiveWrappersMapToSparkTypes() {
    assertEquals(DataTypes.INTEGER, typeOf(1));
    assertEquals(DataTypes.INTEGER, typeOf((short) 1));
    assertEquals(DataTypes.LONG, typeOf(1L));
    assertEquals(DataTypes.DOUBLE, typeOf(1.5));
    assertEquals(DataTypes.STRING, typeOf("x"));
    assertEquals(DataTypes.BOOLEAN, typeOf(true));
    assertEquals(DataTypes.NULL, typeOf(null));
  }

  @Test
  void floatIsWidenedToTheDoubleItPrints() {
    assertEquals(new LogicalExpr.LiteralValue(0.1, DataTypes.DOUBLE), literal(0.1f));
  }

  @Test
  void bigDecimalKeepsItsOwnPrecisionAndScale() {
    assertEquals(DataTypes.decimal(5, 2), typeOf(new BigDecimal("123.45")));
    assertEquals(DataTypes.decimal(2, 2), typeOf(new BigDecimal("0.01")));
    assertEquals(DataTypes.decimal(4, 0), typeOf(new BigDecimal("1E+3")));
    assertEquals(new BigDecimal("1000"), literal(new BigDecimal("1E+3")).value());
  }

  @Test
  void datesAndInstantsMapToDateAndTimestamp() {
    assertEquals(new LogicalExpr.LiteralValue(LocalDate.of(2024, 2, 29), DataTypes.DATE), literal(LocalDate.of(2024, 2, 29)));
    Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
    assertEquals(new LogicalExpr.LiteralValue(t, DataTypes.TIMESTAMP), literal(t));
    assertEquals(new LogicalExpr.LiteralValue(t, DataTypes.TIMESTAMP), literal(java.sql.Timestamp.from(t)));
    assertEquals(DataTypes.DATE, typeOf(java.sql.Date.valueOf("2024-01-02")));
  }

  @Test
  void literalsRenderAsSparkNamesThem() {
    assertEquals("1", lit(1).toString());
    assertEquals("abc", lit("abc").toString());
    assertEquals("NULL", lit(null).toString());
    assertEquals("true", lit(true).toString());
  }

  @Test
  void unsupportedClassesAreRejected() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> lit(new Object()));
    assertEquals("UNSUPPORTED_FEATURE.LITERAL_TYPE", e.errorClass());
  }

  @Test
  void decimalsBeyondMaxPrecisionAreRejected() {
    BigDecimal tooLong = new BigDecimal("1".repeat(39));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> lit(tooLong));
    assertEquals("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", e.errorClass());
  }
}
