package io.ember.core.data;

import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.TimestampType;
import java.time.Duration;
import java.time.Instant;

/**
 * A vector of 64-bit longs: the bigint type, timestamps as microseconds since the epoch (UTC), and day-time
 * intervals as microseconds.
 */
public final class LongVector extends ColumnVector {
  private final long[] values;

  /** Wraps {@code values} (not copied). {@code type} is one that {@link DataTypes#storedAsLong} accepts. */
  public LongVector(DataType type, long[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (!DataTypes.storedAsLong(type)) {
      throw new IllegalArgumentException("LongVector cannot hold " + type);
    }
    this.values = values;
  }

  public long getLong(int row) {
    return values[row];
  }

  /** The value array; callers must not modify it. */
  public long[] values() {
    return values;
  }

  @Override
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    if (type instanceof TimestampType) {
      long micros = values[row];
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    if (type instanceof DayTimeIntervalType) {
      long micros = values[row];
      return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
    return values[row];
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    long[] out = new long[count];
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      out[k] = r >= 0 ? values[r] : 0L;
    }
    return new LongVector(type, out, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    return mix(values[row]);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return values[row] == ((LongVector) other).values[otherRow];
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return Long.compare(values[row], ((LongVector) other).values[otherRow]);
  }
}
