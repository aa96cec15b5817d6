package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberNumberFormatException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.LongType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The errors expressions raise, with Spark 4's error classes and messages. Shared by every expression
 * family so that the same failure reads the same everywhere.
 */
public final class ExpressionErrors {
  /** The setting that turns the ANSI errors into nulls. */
  public static final String ANSI_CONFIG = "\"spark.sql.ansi.enabled\"";

  private ExpressionErrors() {}

  /** Spark's {@code DIVIDE_BY_ZERO}. */
  public static EmberArithmeticException divideByZero() {
    return new EmberArithmeticException("DIVIDE_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set "
            + ANSI_CONFIG + " to \"false\" to bypass this error.");
  }

  /**
   * Spark's {@code ARITHMETIC_OVERFLOW}.
   *
   * @param what what overflowed, e.g. {@code integer overflow}
   * @param tryFunction the {@code try_} function that tolerates it, or null when there is none
   */
  public static EmberArithmeticException arithmeticOverflow(String what, String tryFunction) {
    String alternative = tryFunction == null ? ""
        : " Use '" + tryFunction + "' to tolerate overflow and return NULL instead.";
    return new EmberArithmeticException("ARITHMETIC_OVERFLOW",
        what + "." + alternative + " If necessary set " + ANSI_CONFIG + " to \"false\" to bypass this error.");
  }

  /**
   * Spark 4's {@code CAST_INVALID_INPUT} (which, unlike Spark 3, no longer points at the ANSI setting): {@code value} of type {@code from} is malformed for {@code to}.
   * An {@link EmberDateTimeException} for date and timestamp targets, an {@link EmberNumberFormatException}
   * for numeric ones, an {@link EmberRuntimeException} otherwise.
   */
  public static EmberException castInvalidInput(Object value, DataType from, DataType to) {
    String msg = "The value " + sqlValue(value, from) + " of the type " + sqlType(from) + " cannot be cast to "
        + sqlType(to) + " because it is malformed. Correct the value as per the syntax, or change its target type."
        + " Use `try_cast` to tolerate malformed input and return NULL instead.";
    if (to instanceof DateType || to instanceof TimestampType) {
      return new EmberDateTimeException("CAST_INVALID_INPUT", msg);
    }
    if (to.isNumeric()) {
      return new EmberNumberFormatException("CAST_INVALID_INPUT", msg);
    }
    return new EmberRuntimeException("CAST_INVALID_INPUT", msg);
  }

  /** Spark's {@code CAST_OVERFLOW}: {@code value} of type {@code from} does not fit {@code to}. */
  public static EmberArithmeticException castOverflow(Object value, DataType from, DataType to) {
    return new EmberArithmeticException("CAST_OVERFLOW",
        "The value " + sqlValue(value, from) + " of the type " + sqlType(from) + " cannot be cast to " + sqlType(to)
            + " due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.");
  }

  /** Spark's {@code NUMERIC_VALUE_OUT_OF_RANGE}: a decimal result does not fit its type. */
  public static EmberArithmeticException decimalOutOfRange(BigDecimal value, DecimalType type) {
    return new EmberArithmeticException("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
        value.toPlainString() + " cannot be represented as Decimal(" + type.precision() + ", " + type.scale()
            + "). If necessary set " + ANSI_CONFIG + " to \"false\" to bypass this error, and return NULL instead.");
  }

  /** Spark's {@code DATATYPE_MISMATCH} for {@code expression}. */
  public static AnalysisException typeMismatch(String expression, String reason) {
    return AnalysisException.typeMismatch(expression, reason);
  }

  /** A type as Spark's messages quote it: {@code "INT"}, {@code "DECIMAL(10,2)"}, {@code "ARRAY<INT>"}. */
  public static String sqlType(DataType t) {
    return "\"" + t.simpleString().toUpperCase(Locale.ROOT) + "\"";
  }

  /** A value as Spark's messages quote it: {@code 'abc'}, {@code 5}, {@code 3000000000L}, {@code 1.0E10D}. */
  public static String sqlValue(Object value, DataType type) {
    if (value == null) {
      return "NULL";
    }
    if (type instanceof StringType) {
      return "'" + value + "'";
    }
    if (type instanceof LongType) {
      return value + "L";
    }
    if (type instanceof DoubleType) {
      return value + "D";
    }
    if (type instanceof DecimalType) {
      return (value instanceof BigDecimal bd ? bd.toPlainString() : value.toString()) + "BD";
    }
    if (type instanceof DateType) {
      return "DATE '" + value + "'";
    }
    if (type instanceof TimestampType) {
      return "TIMESTAMP '" + value + "'";
    }
    return String.valueOf(value);
  }
}
