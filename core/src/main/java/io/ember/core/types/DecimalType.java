package io.ember.core.types;

/**
 * A fixed-point decimal with {@code precision} total digits and {@code scale} digits after the
 * point, as Spark's {@code DecimalType}. Precision is at most {@link #MAX_PRECISION}.
 */
public record DecimalType(int precision, int scale) implements DataType {
  /** The largest precision Spark supports. */
  public static final int MAX_PRECISION = 38;
  /** Spark's default for {@code DecimalType()}. */
  public static final DecimalType DEFAULT = new DecimalType(10, 0);

  public DecimalType {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException(
          "Decimal precision " + precision + " is out of range [1, " + MAX_PRECISION + "]");
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "Decimal scale " + scale + " must be between 0 and the precision " + precision);
    }
  }

  @Override
  public String simpleString() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public String typeName() {
    return simpleString();
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public String toString() {
    return "DecimalType(" + precision + "," + scale + ")";
  }
}
