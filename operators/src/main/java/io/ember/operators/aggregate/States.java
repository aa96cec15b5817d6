package io.ember.operators.aggregate;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataTypes;
import java.util.Arrays;

/** Growable primitive arrays and vector conversions shared by the accumulators. */
final class States {
  private States() {}

  /** A capacity of at least {@code needed}, doubling from {@code current}. */
  static int capacity(int current, int needed) {
    return Math.max(needed, Math.max(16, current * 2));
  }

  static long[] grow(long[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, capacity(a.length, needed));
  }

  static double[] grow(double[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, capacity(a.length, needed));
  }

  static int[] grow(int[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, capacity(a.length, needed));
  }

  /** Grows like the others; new slots hold {@code fill}. */
  static int[] grow(int[] a, int needed, int fill) {
    if (needed <= a.length) {
      return a;
    }
    int old = a.length;
    int[] out = Arrays.copyOf(a, capacity(old, needed));
    Arrays.fill(out, old, out.length, fill);
    return out;
  }

  static boolean[] grow(boolean[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, capacity(a.length, needed));
  }

  static <T> T[] grow(T[] a, int needed) {
    return needed <= a.length ? a : Arrays.copyOf(a, capacity(a.length, needed));
  }

  static LongVector longs(long[] values, int from, int count) {
    return new LongVector(DataTypes.LONG, Arrays.copyOfRange(values, from, from + count), null, count);
  }

  static BooleanVector booleans(boolean[] values, int from, int count) {
    return new BooleanVector(Arrays.copyOfRange(values, from, from + count), null, count);
  }

  static DoubleVector doubles(double[] values, int from, int count) {
    return new DoubleVector(Arrays.copyOfRange(values, from, from + count), null, count);
  }

  /** A null mask of {@code count} groups from {@code from}: null where {@code present} is false, or null if none. */
  static boolean[] nullsWhereAbsent(boolean[] present, int from, int count) {
    boolean[] nulls = null;
    for (int k = 0; k < count; k++) {
      if (!present[from + k]) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[k] = true;
      }
    }
    return nulls;
  }

  /** The values of a numeric vector (int, bigint, double, decimal; null type gives zeros) as doubles. */
  static double[] toDoubles(ColumnVector v) {
    int n = v.size();
    if (v instanceof DoubleVector d) {
      return d.values();
    }
    double[] out = new double[n];
    if (v instanceof IntVector iv) {
      int[] vals = iv.values();
      for (int i = 0; i < n; i++) {
        out[i] = vals[i];
      }
    } else if (v instanceof LongVector lv) {
      long[] vals = lv.values();
      for (int i = 0; i < n; i++) {
        out[i] = vals[i];
      }
    } else if (v instanceof DecimalVector dv) {
      for (int i = 0; i < n; i++) {
        if (!dv.isNull(i)) {
          out[i] = dv.getDecimal(i).doubleValue();
        }
      }
    }
    return out;
  }
}
