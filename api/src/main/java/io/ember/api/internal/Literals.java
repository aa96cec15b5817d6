package io.ember.api.internal;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Turns Java values into typed literals as Spark's {@code lit} does: Integer/Short/Byte to int, Long to
 * bigint, Double/Float to double, String, Boolean, BigDecimal to {@code decimal(p,s)} of the value's own
 * precision and scale, LocalDate/java.sql.Date to date, Instant/java.sql.Timestamp to timestamp, Duration to
 * {@code interval day to second}, Period (without days) to {@code interval year to month}, null to void.
 */
public final class Literals {
  private Literals() {}

  /**
   * The literal for {@code value}.
   *
   * @throws EmberIllegalArgumentException {@code UNSUPPORTED_FEATURE.LITERAL_TYPE} for other classes
   */
  public static LogicalExpr.LiteralValue of(Object value) {
    if (value == null) {
      return new LogicalExpr.LiteralValue(null, DataTypes.NULL);
    }
    if (value instanceof Integer i) {
      return new LogicalExpr.LiteralValue(i, DataTypes.INTEGER);
    }
    if (value instanceof Short || value instanceof Byte) {
      return new LogicalExpr.LiteralValue(((Number) value).intValue(), DataTypes.INTEGER);
    }
    if (value instanceof Long l) {
      return new LogicalExpr.LiteralValue(l, DataTypes.LONG);
    }
    if (value instanceof Double d) {
      return new LogicalExpr.LiteralValue(d, DataTypes.DOUBLE);
    }
    if (value instanceof Float f) {
      return new LogicalExpr.LiteralValue(Double.parseDouble(f.toString()), DataTypes.DOUBLE);
    }
    if (value instanceof String s) {
      return new LogicalExpr.LiteralValue(s, DataTypes.STRING);
    }
    if (value instanceof byte[] b) {
      return new LogicalExpr.LiteralValue(b.clone(), DataTypes.BINARY);
    }
    if (value instanceof Character c) {
      return new LogicalExpr.LiteralValue(c.toString(), DataTypes.STRING);
    }
    if (value instanceof Boolean b) {
      return new LogicalExpr.LiteralValue(b, DataTypes.BOOLEAN);
    }
    if (value instanceof BigDecimal bd) {
      return decimal(bd);
    }
    if (value instanceof java.math.BigInteger bi) {
      return decimal(new BigDecimal(bi));
    }
    if (value instanceof java.sql.Date d) {
      return new LogicalExpr.LiteralValue(d.toLocalDate(), DataTypes.DATE);
    }
    if (value instanceof LocalDate d) {
      return new LogicalExpr.LiteralValue(d, DataTypes.DATE);
    }
    if (value instanceof java.sql.Timestamp t) {
      return new LogicalExpr.LiteralValue(t.toInstant(), DataTypes.TIMESTAMP);
    }
    if (value instanceof Instant t) {
      return new LogicalExpr.LiteralValue(t, DataTypes.TIMESTAMP);
    }
    if (value instanceof java.time.Duration d) {
      return new LogicalExpr.LiteralValue(d, DataTypes.DAY_TIME_INTERVAL);
    }
    if (value instanceof java.time.Period p) {
      if (p.getDays() != 0) {
        throw new EmberIllegalArgumentException("UNSUPPORTED_FEATURE.LITERAL_TYPE",
            "The feature is not supported: Literal for '" + value + "' of " + value.getClass()
                + ": a year-month interval has no days.");
      }
      return new LogicalExpr.LiteralValue(p.normalized(), DataTypes.YEAR_MONTH_INTERVAL);
    }
    throw new EmberIllegalArgumentException(
        "UNSUPPORTED_FEATURE.LITERAL_TYPE",
        "The feature is not supported: Literal for '" + value + "' of " + value.getClass() + ".");
  }

  /** A decimal literal typed {@code decimal(max(precision, scale), scale)}; a negative scale becomes 0. */
  private static LogicalExpr.LiteralValue decimal(BigDecimal bd) {
    BigDecimal v = bd.scale() < 0 ? bd.setScale(0, RoundingMode.UNNECESSARY) : bd;
    int precision = Math.max(v.precision(), v.scale());
    if (precision > DecimalType.MAX_PRECISION) {
      throw new EmberIllegalArgumentException(
          "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
          "Decimal precision " + precision + " exceeds max precision " + DecimalType.MAX_PRECISION
              + " (the literal " + bd.toPlainString() + ").");
    }
    return new LogicalExpr.LiteralValue(v, DataTypes.decimal(precision, v.scale()));
  }
}
