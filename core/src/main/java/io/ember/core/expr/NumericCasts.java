package io.ember.core.expr;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.TimestampType;
import java.math.BigDecimal;

/**
 * Casts between boolean, int, bigint, double, decimal and timestamp vectors. ANSI mode raises
 * {@code CAST_OVERFLOW} for values that do not fit; legacy mode wraps integral values (as Java's
 * narrowing, which is Spark's legacy behaviour) and makes non-finite or out-of-range doubles and decimals null.
 */
final class NumericCasts {
  private NumericCasts() {}

  static ColumnVector toInts(ColumnVector v, boolean ansi) {
    int n = v.size();
    int[] out = new int[n];
    boolean[] nulls = VectorOps.copy(v.nullMask(), n);
    if (v instanceof LongVector lv) {
      boolean ts = lv.type() instanceof TimestampType;
      long[] a = lv.values();
      for (int i = 0; i < n; i++) {
        long x = ts ? Math.floorDiv(a[i], CastKernels.MICROS_PER_SECOND) : a[i];
        if (ansi && (int) x != x && !VectorOps.isNull(nulls, i)) {
          throw ExpressionErrors.castOverflow(lv.get(i), lv.type(), DataTypes.INTEGER);
        }
        out[i] = (int) x;
      }
      return new IntVector(DataTypes.INTEGER, out, nulls, n);
    }
    if (v instanceof BooleanVector bv) {
      for (int i = 0; i < n; i++) {
        out[i] = bv.getBoolean(i) ? 1 : 0;
      }
      return new IntVector(DataTypes.INTEGER, out, nulls, n);
    }
    ColumnVector longs = toLongs(v, ansi, DataTypes.INTEGER, Integer.MIN_VALUE, Integer.MAX_VALUE);
    long[] wide = ((LongVector) longs).values();
    for (int i = 0; i < n; i++) {
      out[i] = (int) wide[i];
    }
    return new IntVector(DataTypes.INTEGER, out, VectorOps.copy(longs.nullMask(), n), n);
  }

  static ColumnVector toLongs(ColumnVector v, boolean ansi) {
    return toLongs(v, ansi, DataTypes.LONG, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** To bigint, checking doubles and decimals against {@code [min, max]} (the range of {@code target}). */
  private static ColumnVector toLongs(ColumnVector v, boolean ansi, io.ember.core.types.DataType target,
      long min, long max) {
    int n = v.size();
    long[] out = new long[n];
    boolean[] nulls = VectorOps.copy(v.nullMask(), n);
    if (v instanceof IntVector iv) {
      int[] a = iv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else if (v instanceof LongVector lv) {
      long[] a = lv.values();
      for (int i = 0; i < n; i++) {
        out[i] = Math.floorDiv(a[i], CastKernels.MICROS_PER_SECOND);
      }
    } else if (v instanceof BooleanVector bv) {
      for (int i = 0; i < n; i++) {
        out[i] = bv.getBoolean(i) ? 1 : 0;
      }
    } else if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      for (int i = 0; i < n; i++) {
        double d = a[i];
        boolean fits = !Double.isNaN(d) && Math.floor(d) < (double) max + 1.0 && Math.ceil(d) >= (double) min;
        if (!fits && ansi && !VectorOps.isNull(nulls, i)) {
          throw ExpressionErrors.castOverflow(d, DataTypes.DOUBLE, target);
        }
        out[i] = target.equals(DataTypes.INTEGER) ? (int) d : (long) d;
      }
    } else {
      DecimalVector dv = (DecimalVector) v;
      for (int i = 0; i < n; i++) {
        if (dv.isNull(i)) {
          continue;
        }
        BigDecimal d = dv.getDecimal(i);
        BigDecimal whole = d.setScale(0, java.math.RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
          if (ansi) {
            throw ExpressionErrors.castOverflow(d, dv.type(), target);
          }
        }
        out[i] = whole.longValue();
      }
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  static ColumnVector toDoubles(ColumnVector v) {
    int n = v.size();
    double[] out = new double[n];
    if (v instanceof IntVector iv) {
      int[] a = iv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else if (v instanceof LongVector lv) {
      long[] a = lv.values();
      boolean ts = lv.type() instanceof TimestampType;
      for (int i = 0; i < n; i++) {
        out[i] = ts ? a[i] / (double) CastKernels.MICROS_PER_SECOND : a[i];
      }
    } else if (v instanceof BooleanVector bv) {
      for (int i = 0; i < n; i++) {
        out[i] = bv.getBoolean(i) ? 1 : 0;
      }
    } else {
      DecimalVector dv = (DecimalVector) v;
      for (int i = 0; i < n; i++) {
        out[i] = dv.isNull(i) ? 0 : dv.getDecimal(i).doubleValue();
      }
    }
    return new DoubleVector(out, VectorOps.copy(v.nullMask(), n), n);
  }

  static ColumnVector toDecimals(ColumnVector v, DecimalType type, boolean ansi) {
    int n = v.size();
    BigDecimal[] out = new BigDecimal[n];
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      BigDecimal d = decimalOf(v, i);
      BigDecimal fitted = d == null ? null : CastKernels.fitDecimal(d, type);
      if (fitted == null) {
        if (ansi) {
          throw d == null ? ExpressionErrors.castOverflow(v.get(i), v.type(), type)
              : ExpressionErrors.decimalOutOfRange(d, type);
        }
        nulls[i] = true;
      }
      out[i] = fitted;
    }
    return new DecimalVector(type, out, VectorOps.compact(nulls, n), n);
  }

  /** The exact decimal value of row {@code i}, or null for a non-finite double. */
  private static BigDecimal decimalOf(ColumnVector v, int i) {
    if (v instanceof IntVector iv) {
      return BigDecimal.valueOf(iv.getInt(i));
    } else if (v instanceof LongVector lv) {
      return lv.type() instanceof TimestampType
          ? BigDecimal.valueOf(lv.getLong(i), 6) : BigDecimal.valueOf(lv.getLong(i));
    } else if (v instanceof BooleanVector bv) {
      return bv.getBoolean(i) ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (v instanceof DoubleVector dv) {
      double d = dv.getDouble(i);
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
    return ((DecimalVector) v).getDecimal(i);
  }

  /** Numbers as seconds since the epoch. */
  static ColumnVector toTimestamps(ColumnVector v, boolean ansi) {
    int n = v.size();
    long[] out = new long[n];
    boolean[] nulls = new boolean[n];
    long limit = Long.MAX_VALUE / CastKernels.MICROS_PER_SECOND;
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      if (v instanceof IntVector iv) {
        out[i] = iv.getInt(i) * CastKernels.MICROS_PER_SECOND;
      } else if (v instanceof LongVector lv) {
        long s = lv.getLong(i);
        if (Math.abs(s) > limit) {
          if (ansi) {
            throw ExpressionErrors.castOverflow(s, DataTypes.LONG, DataTypes.TIMESTAMP);
          }
          out[i] = s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        } else {
          out[i] = s * CastKernels.MICROS_PER_SECOND;
        }
      } else {
        double s = v instanceof DoubleVector dv ? dv.getDouble(i) : ((DecimalVector) v).getDecimal(i).doubleValue();
        if (!Double.isFinite(s) || Math.abs(s) > limit) {
          if (ansi) {
            throw ExpressionErrors.castOverflow(v.get(i), v.type(), DataTypes.TIMESTAMP);
          }
          nulls[i] = true;
        } else {
          out[i] = (long) (s * CastKernels.MICROS_PER_SECOND);
        }
      }
    }
    return new LongVector(DataTypes.TIMESTAMP, out, VectorOps.compact(nulls, n), n);
  }
}
