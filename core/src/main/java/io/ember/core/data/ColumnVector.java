package io.ember.core.data;

import io.ember.core.types.DataType;

/**
 * One column of a {@link Batch}: {@link #size()} values of one {@link DataType} held in primitive
 * arrays, plus a null mask. Vectors are immutable once built (see {@link VectorBuilder}); operators
 * share them freely between batches and threads.
 *
 * <p>Physical layout per type: boolean {@code boolean[]}; int, date and year-month interval {@code int[]} (a
 * date is days since 1970-01-01, an interval months); bigint, timestamp and day-time interval {@code long[]} (a
 * timestamp is microseconds since the epoch, UTC, an interval microseconds); double {@code double[]}; string
 * (UTF-8) and binary bytes in one {@code byte[]} with {@code int[]} offsets ({@link BytesVector});
 * decimal {@code BigDecimal[]} at the type's scale; array offsets into one child vector; map offsets into a key
 * and a value child vector; struct one child vector per field.
 *
 * <p>The null mask is a {@code boolean[]} where {@code true} means null, or {@code null} when the
 * vector has no nulls. The value slot of a null row holds an unspecified value (zero for primitives).
 */
public abstract sealed class ColumnVector
    permits NullVector, BooleanVector, IntVector, LongVector, DoubleVector, BytesVector,
        DecimalVector, ArrayVector, MapVector, StructVector {

  protected final DataType type;
  protected final int size;
  protected final boolean[] nulls;

  protected ColumnVector(DataType type, int size, boolean[] nulls) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
  }

  public final DataType type() {
    return type;
  }

  public final int size() {
    return size;
  }

  public final boolean isNull(int row) {
    return nulls != null && nulls[row];
  }

  /** False guarantees no row is null; true means some row may be. */
  public final boolean mayHaveNulls() {
    return nulls != null;
  }

  /** The null mask ({@code true} = null), or null when there are no nulls. Callers must not modify it. */
  public final boolean[] nullMask() {
    return nulls;
  }

  /**
   * The value at {@code row} as a Java object, or null: Boolean, Integer, Long, Double, String, {@code byte[]}
   * (a copy) for binary, BigDecimal, {@link java.time.LocalDate} for dates, {@link java.time.Instant} for timestamps,
   * {@link java.time.Duration} for day-time intervals, a normalized {@link java.time.Period} for year-month ones,
   * {@link java.util.List} for arrays, {@link java.util.Map} (in key order as stored) for maps and {@link Row} for
   * structs.
   */
  public abstract Object get(int row);

  /** A new vector of {@code count} rows: row {@code k} is this vector's row {@code rows[k]}, or null where {@code rows[k]} is negative. */
  public abstract ColumnVector take(int[] rows, int count);

  /** A new vector of rows {@code [from, from + count)}. */
  public ColumnVector slice(int from, int count) {
    int[] rows = new int[count];
    for (int k = 0; k < count; k++) {
      rows[k] = from + k;
    }
    return take(rows, count);
  }

  /** A hash of the (non-null) value at {@code row}; equal values hash equally across vectors of one type. */
  public abstract int hashAt(int row);

  /** Whether the non-null values at {@code row} and {@code other}'s {@code otherRow} are equal (same type). */
  public abstract boolean equalsAt(int row, ColumnVector other, int otherRow);

  /** Orders the non-null values at {@code row} and {@code other}'s {@code otherRow} (same type). */
  public abstract int compareAt(int row, ColumnVector other, int otherRow);

  /** The number of null rows. */
  public int nullCount() {
    if (nulls == null) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < size; i++) {
      if (nulls[i]) {
        n++;
      }
    }
    return n;
  }

  /**
   * Helper for subclasses: the null mask of {@code take}, or null if none of the taken rows is null. A
   * negative row index stands for a null row (outer joins use it for the missing side).
   */
  protected final boolean[] takeNulls(int[] rows, int count) {
    boolean[] out = null;
    if (nulls == null) {
      for (int k = 0; k < count; k++) {
        if (rows[k] < 0) {
          if (out == null) {
            out = new boolean[count];
          }
          out[k] = true;
        }
      }
      return out;
    }
    out = new boolean[count];
    boolean any = false;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r < 0 || nulls[r]) {
        out[k] = true;
        any = true;
      }
    }
    return any ? out : null;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('[');
    for (int i = 0; i < Math.min(size, 20); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(get(i));
    }
    if (size > 20) {
      sb.append(", ...");
    }
    return sb.append(']').toString();
  }

  /** Mixes a 32-bit hash (murmur3 finalizer), shared by the vector implementations. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  static int mix(long v) {
    return mix((int) (v ^ (v >>> 32)) * 31 + (int) v);
  }
}
