package io.ember.core.data;

import io.ember.core.types.DataTypes;

/** A vector of booleans. */
public final class BooleanVector extends ColumnVector {
  private final boolean[] values;

  /** Wraps {@code values} (not copied; the caller gives up ownership). {@code nulls} may be null. */
  public BooleanVector(boolean[] values, boolean[] nulls, int size) {
    super(DataTypes.BOOLEAN, size, nulls);
    this.values = values;
  }

  public boolean getBoolean(int row) {
    return values[row];
  }

  /** The value array; callers must not modify it. Rows at or past {@link #size()} are unspecified. */
  public boolean[] values() {
    return values;
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    boolean[] out = new boolean[count];
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      out[k] = r >= 0 && values[r];
    }
    return new BooleanVector(out, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    return values[row] ? 1231 : 1237;
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return values[row] == ((BooleanVector) other).values[otherRow];
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return Boolean.compare(values[row], ((BooleanVector) other).values[otherRow]);
  }
}
