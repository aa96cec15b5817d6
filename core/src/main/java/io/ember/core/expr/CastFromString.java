package io.ember.core.expr;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StringVector;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Casts from string, as Spark: surrounding white space is ignored; integral targets accept an optional
 * sign and digits (legacy mode also a fraction, which is truncated); a malformed value raises
 * {@code CAST_INVALID_INPUT} under ANSI and is null otherwise.
 */
final class CastFromString {
  private CastFromString() {}

  static ColumnVector cast(StringVector v, DataType to, EvalContext ctx) {
    if (to instanceof IntegerType || to instanceof LongType) {
      return integral(v, to, ctx.ansi());
    }
    if (to instanceof DoubleType) {
      return doubles(v, ctx);
    }
    if (to instanceof DecimalType dt) {
      return decimals(v, dt, ctx.ansi());
    }
    if (to instanceof BooleanType) {
      return booleans(v, ctx);
    }
    return to instanceof DateType ? dates(v, ctx) : timestamps(v, ctx);
  }

  private static ColumnVector doubles(StringVector v, EvalContext ctx) {
    int n = v.size();
    boolean[] nulls = new boolean[n];
    double[] vals = new double[n];
    for (int i = 0; i < n; i++) {
      Double d = v.isNull(i) ? null : parseDouble(v.getString(i).strip());
      if (d == null) {
        nulls[i] = v.isNull(i) || fail(v, i, DataTypes.DOUBLE, ctx);
      } else {
        vals[i] = d;
      }
    }
    return new DoubleVector(vals, VectorOps.compact(nulls, n), n);
  }

  private static ColumnVector booleans(StringVector v, EvalContext ctx) {
    int n = v.size();
    boolean[] nulls = new boolean[n];
    boolean[] vals = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      switch (v.getString(i).strip().toLowerCase(Locale.ROOT)) {
        case "t", "true", "y", "yes", "1" -> vals[i] = true;
        case "f", "false", "n", "no", "0" -> vals[i] = false;
        default -> nulls[i] = fail(v, i, DataTypes.BOOLEAN, ctx);
      }
    }
    return new BooleanVector(vals, VectorOps.compact(nulls, n), n);
  }

  private static ColumnVector dates(StringVector v, EvalContext ctx) {
    int n = v.size();
    boolean[] nulls = new boolean[n];
    int[] vals = new int[n];
    for (int i = 0; i < n; i++) {
      Integer d = v.isNull(i) ? null : DateTimeParsing.tryParseDate(v.getString(i));
      if (d == null) {
        nulls[i] = v.isNull(i) || fail(v, i, DataTypes.DATE, ctx);
      } else {
        vals[i] = d;
      }
    }
    return new IntVector(DataTypes.DATE, vals, VectorOps.compact(nulls, n), n);
  }

  private static ColumnVector timestamps(StringVector v, EvalContext ctx) {
    int n = v.size();
    boolean[] nulls = new boolean[n];
    long[] vals = new long[n];
    for (int i = 0; i < n; i++) {
      Long t = v.isNull(i) ? null : DateTimeParsing.tryParseTimestamp(v.getString(i), ctx.zone());
      if (t == null) {
        nulls[i] = v.isNull(i) || fail(v, i, DataTypes.TIMESTAMP, ctx);
      } else {
        vals[i] = t;
      }
    }
    return new LongVector(DataTypes.TIMESTAMP, vals, VectorOps.compact(nulls, n), n);
  }

  /** Raises {@code CAST_INVALID_INPUT} under ANSI; else returns true (the row becomes null). */
  private static boolean fail(StringVector v, int row, DataType to, EvalContext ctx) {
    if (ctx.ansi()) {
      throw ExpressionErrors.castInvalidInput(v.getString(row), DataTypes.STRING, to);
    }
    return true;
  }

  /** Spark's string to double: Java's syntax plus {@code inf}, {@code infinity}, {@code nan} in any case. */
  static Double parseDouble(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        break;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static ColumnVector decimals(StringVector v, DecimalType dt, boolean ansi) {
    int n = v.size();
    BigDecimal[] vals = new BigDecimal[n];
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      BigDecimal d;
      try {
        d = new BigDecimal(v.getString(i).strip());
      } catch (NumberFormatException e) {
        if (ansi) {
          throw ExpressionErrors.castInvalidInput(v.getString(i), DataTypes.STRING, dt);
        }
        nulls[i] = true;
        continue;
      }
      vals[i] = CastKernels.fitDecimal(d, dt);
      if (vals[i] == null) {
        if (ansi) {
          throw ExpressionErrors.decimalOutOfRange(d, dt);
        }
        nulls[i] = true;
      }
    }
    return new DecimalVector(dt, vals, VectorOps.compact(nulls, n), n);
  }

  /** Parses integers straight from the UTF-8 bytes. */
  private static ColumnVector integral(StringVector v, DataType to, boolean ansi) {
    int n = v.size();
    boolean isInt = to instanceof IntegerType;
    long min = isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long max = isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
    long[] vals = new long[n];
    boolean[] nulls = new boolean[n];
    byte[] bytes = v.bytes();
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      int from = v.start(i);
      int to2 = from + v.byteLength(i);
      boolean ok = parseIntegral(bytes, from, to2, !ansi, min, max, vals, i);
      if (!ok) {
        if (ansi) {
          throw ExpressionErrors.castInvalidInput(v.getString(i), DataTypes.STRING, to);
        }
        nulls[i] = true;
      }
    }
    boolean[] mask = VectorOps.compact(nulls, n);
    if (!isInt) {
      return new LongVector(DataTypes.LONG, vals, mask, n);
    }
    int[] ints = new int[n];
    for (int i = 0; i < n; i++) {
      ints[i] = (int) vals[i];
    }
    return new IntVector(DataTypes.INTEGER, ints, mask, n);
  }

  /**
   * Parses {@code bytes[from, to)} into {@code out[slot]}: white space, an optional sign, digits and,
   * when {@code allowFraction}, a fraction of digits that is dropped. False when malformed or out of
   * {@code [min, max]}.
   */
  static boolean parseIntegral(byte[] bytes, int from, int to, boolean allowFraction, long min, long max,
      long[] out, int slot) {
    while (from < to && (bytes[from] & 0xff) <= ' ') {
      from++;
    }
    while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
      to--;
    }
    if (from == to) {
      return false;
    }
    boolean negative = bytes[from] == '-';
    if (negative || bytes[from] == '+') {
      from++;
    }
    long acc = 0; // accumulated negatively, so that MIN_VALUE fits
    int digits = 0;
    int i = from;
    for (; i < to && bytes[i] != '.'; i++) {
      int d = bytes[i] - '0';
      if (d < 0 || d > 9 || acc < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      acc = acc * 10 - d;
      digits++;
    }
    if (i < to) {
      if (!allowFraction) {
        return false;
      }
      for (int k = i + 1; k < to; k++) {
        if (bytes[k] < '0' || bytes[k] > '9') {
          return false;
        }
      }
    }
    if (digits == 0) {
      return false;
    }
    if (!negative) {
      if (acc == Long.MIN_VALUE) {
        return false;
      }
      acc = -acc;
    }
    if (acc < min || acc > max) {
      return false;
    }
    out[slot] = acc;
    return true;
  }
}
