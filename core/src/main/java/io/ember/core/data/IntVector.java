package io.ember.core.data;

import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.YearMonthIntervalType;
import java.time.LocalDate;
import java.time.Period;

/** A vector of 32-bit ints: the int type, dates as days since 1970-01-01, and year-month intervals as months. */
public final class IntVector extends ColumnVector {
  private final int[] values;

  /** Wraps {@code values} (not copied). {@code type} is one that {@link DataTypes#storedAsInt} accepts. */
  public IntVector(DataType type, int[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (!DataTypes.storedAsInt(type)) {
      throw new IllegalArgumentException("IntVector cannot hold " + type);
    }
    this.values = values;
  }

  public int getInt(int row) {
    return values[row];
  }

  /** The value array; callers must not modify it. */
  public int[] values() {
    return values;
  }

  @Override
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    if (type instanceof YearMonthIntervalType) {
      return Period.ofMonths(values[row]).normalized();
    }
    return type instanceof DateType ? LocalDate.ofEpochDay(values[row]) : (Object) values[row];
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    int[] out = new int[count];
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      out[k] = r >= 0 ? values[r] : 0;
    }
    return new IntVector(type, out, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    return mix(values[row]);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return values[row] == ((IntVector) other).values[otherRow];
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return Integer.compare(values[row], ((IntVector) other).values[otherRow]);
  }
}
