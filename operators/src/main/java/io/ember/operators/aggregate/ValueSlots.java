package io.ember.operators.aggregate;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DoubleType;
import java.util.Arrays;

/**
 * One value of a fixed type per group, null until set: primitive arrays for boolean, int, date, bigint,
 * timestamp and double, a one-row vector per group for the other types (strings, decimals, arrays,
 * structs). Backs {@code min}, {@code max}, {@code first} and {@code last}.
 */
abstract class ValueSlots {
  protected final DataType type;
  protected boolean[] present = new boolean[0];

  ValueSlots(DataType type) {
    this.type = type;
  }

  static ValueSlots forType(DataType type) {
    if (DataTypes.storedAsInt(type)) {
      return new Ints(type);
    } else if (DataTypes.storedAsLong(type)) {
      return new Longs(type);
    } else if (type instanceof DoubleType) {
      return new Doubles(type);
    } else if (type instanceof BooleanType) {
      return new Booleans(type);
    }
    return new Objects(type);
  }

  void ensureGroups(int groupCount) {
    present = States.grow(present, groupCount);
    growValues(groupCount);
  }

  final void setNull(int group) {
    present[group] = false;
  }

  /** Sets group {@code group} to the non-null value at {@code row} of {@code v}. */
  abstract void set(int group, ColumnVector v, int row);

  /** Keeps, per group, the smallest (or with {@code max} the largest) of its value and the non-null rows of {@code v}. */
  void updateExtreme(int[] groupIds, int numRows, ColumnVector v, boolean max) {
    for (int i = 0; i < numRows; i++) {
      if (!v.isNull(i)) {
        int g = groupIds[i];
        if (!present[g] || better(g, v, i, max)) {
          set(g, v, i);
        }
      }
    }
  }

  /** Whether row {@code row} of {@code v} beats the present value of {@code group}. */
  abstract boolean better(int group, ColumnVector v, int row, boolean max);

  /** The values of groups {@code [from, from + count)}; absent groups are null. */
  abstract ColumnVector build(int from, int count);

  abstract long estimatedBytes();

  protected abstract void growValues(int groupCount);

  protected static boolean wins(int cmp, boolean max) {
    return max ? cmp > 0 : cmp < 0;
  }

  private static final class Ints extends ValueSlots {
    private int[] values = new int[0];

    Ints(DataType type) {
      super(type);
    }

    @Override
    void set(int group, ColumnVector v, int row) {
      values[group] = ((IntVector) v).getInt(row);
      present[group] = true;
    }

    @Override
    void updateExtreme(int[] groupIds, int numRows, ColumnVector v, boolean max) {
      int[] in = ((IntVector) v).values();
      boolean[] nulls = v.nullMask();
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          int x = in[i];
          if (!present[g] || (max ? x > values[g] : x < values[g])) {
            values[g] = x;
            present[g] = true;
          }
        }
      }
    }

    @Override
    boolean better(int group, ColumnVector v, int row, boolean max) {
      return wins(Integer.compare(((IntVector) v).getInt(row), values[group]), max);
    }

    @Override
    ColumnVector build(int from, int count) {
      return new IntVector(type, Arrays.copyOfRange(values, from, from + count),
          States.nullsWhereAbsent(present, from, count), count);
    }

    @Override
    long estimatedBytes() {
      return 5L * values.length;
    }

    @Override
    protected void growValues(int groupCount) {
      values = States.grow(values, groupCount);
    }
  }

  private static final class Longs extends ValueSlots {
    private long[] values = new long[0];

    Longs(DataType type) {
      super(type);
    }

    @Override
    void set(int group, ColumnVector v, int row) {
      values[group] = ((LongVector) v).getLong(row);
      present[group] = true;
    }

    @Override
    void updateExtreme(int[] groupIds, int numRows, ColumnVector v, boolean max) {
      long[] in = ((LongVector) v).values();
      boolean[] nulls = v.nullMask();
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          long x = in[i];
          if (!present[g] || (max ? x > values[g] : x < values[g])) {
            values[g] = x;
            present[g] = true;
          }
        }
      }
    }

    @Override
    boolean better(int group, ColumnVector v, int row, boolean max) {
      return wins(Long.compare(((LongVector) v).getLong(row), values[group]), max);
    }

    @Override
    ColumnVector build(int from, int count) {
      return new LongVector(type, Arrays.copyOfRange(values, from, from + count),
          States.nullsWhereAbsent(present, from, count), count);
    }

    @Override
    long estimatedBytes() {
      return 9L * values.length;
    }

    @Override
    protected void growValues(int groupCount) {
      values = States.grow(values, groupCount);
    }
  }

  /** Doubles ordered as Spark orders them: -0.0 equals 0.0, NaN is larger than any other value. */
  private static final class Doubles extends ValueSlots {
    private double[] values = new double[0];

    Doubles(DataType type) {
      super(type);
    }

    @Override
    void set(int group, ColumnVector v, int row) {
      values[group] = ((DoubleVector) v).getDouble(row);
      present[group] = true;
    }

    @Override
    void updateExtreme(int[] groupIds, int numRows, ColumnVector v, boolean max) {
      double[] in = ((DoubleVector) v).values();
      boolean[] nulls = v.nullMask();
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          if (!present[g] || wins(compare(in[i], values[g]), max)) {
            values[g] = in[i];
            present[g] = true;
          }
        }
      }
    }

    @Override
    boolean better(int group, ColumnVector v, int row, boolean max) {
      return wins(compare(((DoubleVector) v).getDouble(row), values[group]), max);
    }

    private static int compare(double x, double y) {
      return Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
    }

    @Override
    ColumnVector build(int from, int count) {
      return new DoubleVector(Arrays.copyOfRange(values, from, from + count),
          States.nullsWhereAbsent(present, from, count), count);
    }

    @Override
    long estimatedBytes() {
      return 9L * values.length;
    }

    @Override
    protected void growValues(int groupCount) {
      values = States.grow(values, groupCount);
    }
  }

  private static final class Booleans extends ValueSlots {
    private boolean[] values = new boolean[0];

    Booleans(DataType type) {
      super(type);
    }

    @Override
    void set(int group, ColumnVector v, int row) {
      values[group] = ((BooleanVector) v).getBoolean(row);
      present[group] = true;
    }

    @Override
    boolean better(int group, ColumnVector v, int row, boolean max) {
      return wins(Boolean.compare(((BooleanVector) v).getBoolean(row), values[group]), max);
    }

    @Override
    ColumnVector build(int from, int count) {
      return new BooleanVector(Arrays.copyOfRange(values, from, from + count),
          States.nullsWhereAbsent(present, from, count), count);
    }

    @Override
    long estimatedBytes() {
      return 2L * values.length;
    }

    @Override
    protected void growValues(int groupCount) {
      values = States.grow(values, groupCount);
    }
  }

  /**
   * Any other type: each group's value is a one-row vector. Extremes are first reduced within the batch
   * (one comparison per row against the batch's best row), so a group's vector is replaced at most once per batch.
   */
  private static final class Objects extends ValueSlots {
    private ColumnVector[] values = new ColumnVector[0];
    private int[] bestRow = new int[0];
    private int[] touched = new int[0];
    private long bytes;

    Objects(DataType type) {
      super(type);
    }

    @Override
    void set(int group, ColumnVector v, int row) {
      ColumnVector old = values[group];
      ColumnVector one = v.take(new int[] {row}, 1);
      bytes += VectorSizes.estimate(one) - (old == null ? 0 : VectorSizes.estimate(old));
      values[group] = one;
      present[group] = true;
    }

    @Override
    void updateExtreme(int[] groupIds, int numRows, ColumnVector v, boolean max) {
      touched = States.grow(touched, numRows);
      int touchedCount = 0;
      for (int i = 0; i < numRows; i++) {
        if (v.isNull(i)) {
          continue;
        }
        int g = groupIds[i];
        int best = bestRow[g];
        if (best < 0) {
          bestRow[g] = i;
          touched[touchedCount++] = g;
        } else if (wins(v.compareAt(i, v, best), max)) {
          bestRow[g] = i;
        }
      }
      for (int k = 0; k < touchedCount; k++) {
        int g = touched[k];
        int row = bestRow[g];
        bestRow[g] = -1;
        if (!present[g] || better(g, v, row, max)) {
          set(g, v, row);
        }
      }
    }

    @Override
    boolean better(int group, ColumnVector v, int row, boolean max) {
      return wins(v.compareAt(row, values[group], 0), max);
    }

    @Override
    ColumnVector build(int from, int count) {
      VectorBuilder b = VectorBuilder.forType(type, count);
      for (int k = 0; k < count; k++) {
        int g = from + k;
        if (present[g]) {
          b.appendFrom(values[g], 0);
        } else {
          b.appendNull();
        }
      }
      return b.build();
    }

    @Override
    long estimatedBytes() {
      return bytes + 48L * values.length;
    }

    @Override
    protected void growValues(int groupCount) {
      values = States.grow(values, groupCount);
      bestRow = States.grow(bestRow, groupCount, -1);
    }
  }
}
