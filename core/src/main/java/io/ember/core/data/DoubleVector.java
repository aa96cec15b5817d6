package io.ember.core.data;

import io.ember.core.types.DataTypes;

/**
 * A vector of doubles. For grouping, joining and sorting, {@code -0.0} equals {@code 0.0} and all NaNs
 * are equal and greater than any other value, as in Spark.
 */
public final class DoubleVector extends ColumnVector {
  private final double[] values;

  /** Wraps {@code values} (not copied). */
  public DoubleVector(double[] values, boolean[] nulls, int size) {
    super(DataTypes.DOUBLE, size, nulls);
    this.values = values;
  }

  public double getDouble(int row) {
    return values[row];
  }

  /** The value array; callers must not modify it. */
  public double[] values() {
    return values;
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    double[] out = new double[count];
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      out[k] = r >= 0 ? values[r] : 0.0;
    }
    return new DoubleVector(out, takeNulls(rows, count), count);
  }

  private static double normalize(double d) {
    return d == 0.0 ? 0.0 : d; // folds -0.0 into 0.0; NaN stays NaN
  }

  @Override
  public int hashAt(int row) {
    return mix(Double.doubleToLongBits(normalize(values[row])));
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return compareAt(row, other, otherRow) == 0;
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return Double.compare(normalize(values[row]), normalize(((DoubleVector) other).values[otherRow]));
  }
}
