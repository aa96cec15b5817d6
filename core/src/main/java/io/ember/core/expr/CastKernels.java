package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.datetime.AnsiIntervals;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BinaryType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The vector loops of {@link Cast}, one per target type; strings are parsed by {@link CastFromString}. */
final class CastKernels {
  static final long MICROS_PER_SECOND = 1_000_000L;

  private CastKernels() {}

  /** {@code v} cast to {@code to} (a pair {@link Cast#canCast} accepts). */
  static ColumnVector cast(ColumnVector v, DataType to, EvalContext ctx) {
    DataType from = v.type();
    int n = v.size();
    if (from.equals(to)) {
      return v;
    }
    if (from instanceof NullType) {
      return VectorOps.nulls(to, n);
    }
    if (v instanceof BytesVector b && (to instanceof StringType || to instanceof BinaryType)) {
      return BytesVector.wrap(to, b.bytes(), b.offsets(), b.nullMask(), n);
    }
    if (to instanceof StringType) {
      return toStrings(v, ctx.zone());
    }
    if (DataTypes.isInterval(to)) {
      return from instanceof StringType ? stringsToIntervals((StringVector) v, to, ctx.ansi()) : retagInterval(v, to);
    }
    if (from instanceof StringType) {
      return CastFromString.cast((StringVector) v, to, ctx);
    }
    if (to instanceof ArrayType at) {
      ArrayVector a = (ArrayVector) v;
      ColumnVector elements = cast(a.elements(), at.elementType(), ctx);
      return new ArrayVector(at, a.offsets(), elements, a.nullMask(), n);
    }
    if (to instanceof io.ember.core.types.MapType mt) {
      io.ember.core.data.MapVector m = (io.ember.core.data.MapVector) v;
      return new io.ember.core.data.MapVector(mt, m.offsets(), cast(m.keys(), mt.keyType(), ctx),
          cast(m.values(), mt.valueType(), ctx), m.nullMask(), n);
    }
    if (to instanceof BooleanType) {
      return toBooleans(v);
    }
    if (to instanceof IntegerType) {
      return NumericCasts.toInts(v, ctx.ansi());
    }
    if (to instanceof LongType) {
      return NumericCasts.toLongs(v, ctx.ansi());
    }
    if (to instanceof DoubleType) {
      return NumericCasts.toDoubles(v);
    }
    if (to instanceof DecimalType dt) {
      return NumericCasts.toDecimals(v, dt, ctx.ansi());
    }
    if (to instanceof DateType) {
      return timestampsToDates((LongVector) v, ctx.zone());
    }
    if (to instanceof TimestampType) {
      return from instanceof DateType ? datesToTimestamps((IntVector) v, ctx.zone()) : NumericCasts.toTimestamps(v, ctx.ansi());
    }
    throw new IllegalStateException("No cast from " + from + " to " + to);
  }

  private static ColumnVector toBooleans(ColumnVector v) {
    int n = v.size();
    boolean[] out = new boolean[n];
    if (v instanceof IntVector iv) {
      int[] a = iv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i] != 0;
      }
    } else if (v instanceof LongVector lv) {
      long[] a = lv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i] != 0;
      }
    } else if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i] != 0;
      }
    } else {
      DecimalVector dv = (DecimalVector) v;
      for (int i = 0; i < n; i++) {
        out[i] = !dv.isNull(i) && dv.getDecimal(i).signum() != 0;
      }
    }
    return new BooleanVector(out, VectorOps.copy(v.nullMask(), n), n);
  }

  /** Days since the epoch of the local date of {@code micros} in {@code zone}. */
  static int localDays(long micros, ZoneId zone) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int offset = zone.getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
    return (int) Math.floorDiv(seconds + offset, 86_400L);
  }

  /** Microseconds since the epoch of the start of day {@code days} in {@code zone}. */
  static long startOfDay(int days, ZoneId zone) {
    return LocalDate.ofEpochDay(days).atStartOfDay(zone).toEpochSecond() * MICROS_PER_SECOND;
  }

  private static ColumnVector timestampsToDates(LongVector v, ZoneId zone) {
    int n = v.size();
    long[] a = v.values();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (!v.isNull(i)) {
        out[i] = localDays(a[i], zone);
      }
    }
    return new IntVector(DataTypes.DATE, out, VectorOps.copy(v.nullMask(), n), n);
  }

  private static ColumnVector datesToTimestamps(IntVector v, ZoneId zone) {
    int n = v.size();
    int[] a = v.values();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      if (!v.isNull(i)) {
        out[i] = startOfDay(a[i], zone);
      }
    }
    return new LongVector(DataTypes.TIMESTAMP, out, VectorOps.copy(v.nullMask(), n), n);
  }

  private static ColumnVector toStrings(ColumnVector v, ZoneId zone) {
    int n = v.size();
    VectorBuilder.Strings b = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    DataType t = v.type();
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        b.appendNull();
      } else if (t instanceof DateType) {
        b.appendString(DateTimeParsing.formatDate(((IntVector) v).getInt(i)));
      } else if (t instanceof TimestampType) {
        b.appendString(DateTimeParsing.formatTimestamp(((LongVector) v).getLong(i), zone));
      } else if (t instanceof DayTimeIntervalType dt) {
        b.appendString(IntervalFormat.dayTime(((LongVector) v).getLong(i), dt));
      } else if (t instanceof YearMonthIntervalType ym) {
        b.appendString(IntervalFormat.yearMonth(((IntVector) v).getInt(i), ym));
      } else {
        b.appendString(format(v.get(i), zone));
      }
    }
    return b.build();
  }

  /**
   * An interval read in the fields of {@code to} (same kind): fields past {@code to}'s last are dropped, toward
   * zero, as Spark's cast between interval types does.
   */
  private static ColumnVector retagInterval(ColumnVector v, DataType to) {
    int n = v.size();
    if (to instanceof DayTimeIntervalType dt) {
      long unit = switch (dt.endField()) {
        case DayTimeIntervalType.DAY -> IntervalFormat.MICROS_PER_DAY;
        case DayTimeIntervalType.HOUR -> IntervalFormat.MICROS_PER_HOUR;
        case DayTimeIntervalType.MINUTE -> IntervalFormat.MICROS_PER_MINUTE;
        default -> 1;
      };
      long[] in = ((LongVector) v).values();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = in[i] - in[i] % unit;
      }
      return new LongVector(to, out, VectorOps.copy(v.nullMask(), n), n);
    }
    int unit = ((YearMonthIntervalType) to).endField() == YearMonthIntervalType.YEAR ? 12 : 1;
    int[] in = ((IntVector) v).values();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = in[i] - in[i] % unit;
    }
    return new IntVector(to, out, VectorOps.copy(v.nullMask(), n), n);
  }

  /** Strings in the format of {@code to}'s fields, or its whole literal; malformed ones raise under ANSI, else null. */
  private static ColumnVector stringsToIntervals(StringVector v, DataType to, boolean ansi) {
    int n = v.size();
    VectorBuilder b = VectorBuilder.forType(to, n);
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        b.appendNull();
        continue;
      }
      String s = v.get(i).toString();
      Long parsed = AnsiIntervals.castOrNull(s, to);
      if (parsed == null) {
        if (ansi) {
          throw ExpressionErrors.castInvalidInput(s, DataTypes.STRING, to);
        }
        b.appendNull();
      } else {
        b.append(to instanceof DayTimeIntervalType ? (Object) parsed : (Object) parsed.intValue());
      }
    }
    return b.build();
  }

  /** A value as Spark's cast to string renders it; null elements inside arrays and structs print {@code null}. */
  static String format(Object value, ZoneId zone) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Instant t) {
      return DateTimeParsing.formatTimestamp(t.getEpochSecond() * MICROS_PER_SECOND + t.getNano() / 1000, zone);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(format(list.get(i), zone));
      }
      return sb.append(']').toString();
    }
    if (value instanceof java.util.Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "").append(format(e.getKey(), zone)).append(" -> ")
            .append(format(e.getValue(), zone));
      }
      return sb.append('}').toString();
    }
    if (value instanceof Row r) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < r.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(format(r.get(i), zone));
      }
      return sb.append('}').toString();
    }
    return value.toString();
  }

  /** {@code d} rescaled (HALF_UP) to {@code type}, or null when it does not fit its precision. */
  static BigDecimal fitDecimal(BigDecimal d, DecimalType type) {
    BigDecimal r = d.setScale(type.scale(), RoundingMode.HALF_UP);
    return r.precision() - r.scale() > type.precision() - type.scale() && r.signum() != 0 ? null : r;
  }
}
