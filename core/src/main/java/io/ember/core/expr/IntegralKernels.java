package io.ember.core.expr;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.BinaryArithmetic.Op;
import io.ember.core.types.DataTypes;

/**
 * Int and bigint loops of {@link BinaryArithmetic}. Under ANSI the exact operations run and an overflow
 * becomes {@code ARITHMETIC_OVERFLOW}; legacy mode wraps around as Java does (Spark's legacy behaviour).
 * Null rows hold zeros in their value slots, so the exact operations cannot fail on them.
 */
final class IntegralKernels {
  private IntegralKernels() {}

  static ColumnVector ints(Op op, int[] a, int[] b, boolean[] nulls, int n, boolean ansi) {
    int[] out = new int[n];
    if (op.isDivision()) {
      nulls = zeroDivisors(b, nulls, n, ansi);
      boolean pmod = op == Op.PMOD;
      for (int i = 0; i < n; i++) {
        out[i] = b[i] == 0 ? 0 : pmod ? (int) pmod((long) a[i], b[i]) : a[i] % b[i];
      }
      return new IntVector(DataTypes.INTEGER, out, VectorOps.compact(nulls, n), n);
    }
    try {
      if (ansi) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            continue;
          }
          out[i] = switch (op) {
            case ADD -> Math.addExact(a[i], b[i]);
            case SUBTRACT -> Math.subtractExact(a[i], b[i]);
            default -> Math.multiplyExact(a[i], b[i]);
          };
        }
      } else {
        for (int i = 0; i < n; i++) {
          out[i] = switch (op) {
            case ADD -> a[i] + b[i];
            case SUBTRACT -> a[i] - b[i];
            default -> a[i] * b[i];
          };
        }
      }
    } catch (ArithmeticException e) {
      throw ExpressionErrors.arithmeticOverflow("integer overflow", op.tryFunction);
    }
    return new IntVector(DataTypes.INTEGER, out, nulls, n);
  }

  static ColumnVector longs(Op op, long[] a, long[] b, boolean[] nulls, int n, boolean ansi) {
    long[] out = new long[n];
    if (op.isDivision()) {
      nulls = zeroDivisors(b, nulls, n, ansi);
      boolean pmod = op == Op.PMOD;
      for (int i = 0; i < n; i++) {
        out[i] = b[i] == 0 ? 0 : pmod ? pmod(a[i], b[i]) : a[i] % b[i];
      }
      return new LongVector(DataTypes.LONG, out, VectorOps.compact(nulls, n), n);
    }
    try {
      if (ansi) {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            continue;
          }
          out[i] = switch (op) {
            case ADD -> Math.addExact(a[i], b[i]);
            case SUBTRACT -> Math.subtractExact(a[i], b[i]);
            default -> Math.multiplyExact(a[i], b[i]);
          };
        }
      } else {
        for (int i = 0; i < n; i++) {
          out[i] = switch (op) {
            case ADD -> a[i] + b[i];
            case SUBTRACT -> a[i] - b[i];
            default -> a[i] * b[i];
          };
        }
      }
    } catch (ArithmeticException e) {
      throw ExpressionErrors.arithmeticOverflow("long overflow", op.tryFunction);
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  /** Spark's pmod: {@code a % n}, plus {@code n} (then {@code % n} again) when that is negative. */
  static long pmod(long a, long n) {
    long r = a % n;
    return r < 0 ? (r + n) % n : r;
  }

  static double pmod(double a, double n) {
    double r = a % n;
    return r < 0 ? (r + n) % n : r;
  }

  /** Marks rows with a zero divisor null (legacy) or raises {@code DIVIDE_BY_ZERO} (ANSI); returns the mask. */
  static boolean[] zeroDivisors(int[] b, boolean[] nulls, int n, boolean ansi) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0 && !VectorOps.isNull(nulls, i)) {
        nulls = markZero(nulls, n, i, ansi);
      }
    }
    return nulls;
  }

  static boolean[] zeroDivisors(long[] b, boolean[] nulls, int n, boolean ansi) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0 && !VectorOps.isNull(nulls, i)) {
        nulls = markZero(nulls, n, i, ansi);
      }
    }
    return nulls;
  }

  static boolean[] zeroDivisors(double[] b, boolean[] nulls, int n, boolean ansi) {
    for (int i = 0; i < n; i++) {
      if (b[i] == 0 && !VectorOps.isNull(nulls, i)) {
        nulls = markZero(nulls, n, i, ansi);
      }
    }
    return nulls;
  }

  private static boolean[] markZero(boolean[] nulls, int n, int i, boolean ansi) {
    if (ansi) {
      throw ExpressionErrors.divideByZero();
    }
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }
}
