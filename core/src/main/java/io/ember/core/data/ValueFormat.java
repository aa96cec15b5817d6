package io.ember.core.data;

import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.StructType;
import io.ember.core.types.YearMonthIntervalType;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/** Renders values as Spark renders them in {@code show()} and in casts to string. */
public final class ValueFormat {
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss")
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter();

  private ValueFormat() {}

  /** {@code null} for null; timestamps in UTC. */
  public static String toDisplayString(Object v) {
    return toDisplayString(v, ZoneOffset.UTC);
  }

  /**
   * As {@link #toDisplayString(Object, ZoneId)}, with intervals written in their {@code type}'s fields
   * ({@code INTERVAL '01' HOUR} for an {@code interval hour}); {@code type} is the value's type.
   */
  public static String toDisplayString(Object v, DataType type, ZoneId zone) {
    if (v instanceof Duration d && type instanceof DayTimeIntervalType t) {
      return IntervalFormat.dayTime(IntervalFormat.micros(d), t);
    }
    if (v instanceof Period p && type instanceof YearMonthIntervalType t) {
      return IntervalFormat.yearMonth(IntervalFormat.months(p), t);
    }
    if (v instanceof List<?> list && type instanceof ArrayType at) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        Object e = list.get(i);
        sb.append(i > 0 ? ", " : "").append(e == null ? "NULL" : toDisplayString(e, at.elementType(), zone));
      }
      return sb.append(']').toString();
    }
    if (v instanceof java.util.Map<?, ?> map && type instanceof io.ember.core.types.MapType mt) {
      StringBuilder sb = new StringBuilder("{");
      for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "").append(toDisplayString(e.getKey(), mt.keyType(), zone)).append(" -> ")
            .append(e.getValue() == null ? "NULL" : toDisplayString(e.getValue(), mt.valueType(), zone));
      }
      return sb.append('}').toString();
    }
    if (v instanceof Row r && type instanceof StructType st && st.size() == r.size()) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < r.size(); i++) {
        Object e = r.get(i);
        sb.append(i > 0 ? ", " : "").append(e == null ? "NULL" : toDisplayString(e, st.field(i).dataType(), zone));
      }
      return sb.append('}').toString();
    }
    return toDisplayString(v, zone);
  }

  /**
   * As Spark's {@code show()}: {@code NULL} is not used here (callers decide), timestamps in {@code zone};
   * intervals, whose fields only their type knows, as {@code DAY TO SECOND} and {@code YEAR TO MONTH}.
   */
  public static String toDisplayString(Object v, ZoneId zone) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Instant i) {
      return TIMESTAMP.format(LocalDateTime.ofInstant(i, zone));
    }
    if (v instanceof Duration d) {
      return IntervalFormat.dayTime(IntervalFormat.micros(d), DataTypes.DAY_TIME_INTERVAL);
    }
    if (v instanceof Period p) {
      return IntervalFormat.yearMonth(IntervalFormat.months(p), DataTypes.YEAR_MONTH_INTERVAL);
    }
    if (v instanceof Double d) {
      return formatDouble(d);
    }
    if (v instanceof java.math.BigDecimal bd) {
      return bd.toPlainString();
    }
    if (v instanceof byte[] b) {
      return binaryDisplay(b);
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Object e = list.get(i);
        sb.append(e == null ? "NULL" : toDisplayString(e, zone));
      }
      return sb.append(']').toString();
    }
    if (v instanceof java.util.Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "").append(toDisplayString(e.getKey(), zone)).append(" -> ")
            .append(e.getValue() == null ? "NULL" : toDisplayString(e.getValue(), zone));
      }
      return sb.append('}').toString();
    }
    if (v instanceof Row r) {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        Object e = r.get(i);
        sb.append(e == null ? "NULL" : toDisplayString(e, zone));
      }
      return sb.append('}').toString();
    }
    return v.toString();
  }

  /** A binary value as Spark's {@code show()} prints it: each byte as two upper-case hex digits, {@code [48 69]}. */
  public static String binaryDisplay(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 3 + 2).append('[');
    for (int i = 0; i < b.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(Character.toUpperCase(Character.forDigit((b[i] >> 4) & 0xF, 16)))
          .append(Character.toUpperCase(Character.forDigit(b[i] & 0xF, 16)));
    }
    return sb.append(']').toString();
  }

  /** Spark's double to string: {@code 1.0}, {@code 1.0E10}, {@code NaN}, {@code Infinity}. */
  public static String formatDouble(double d) {
    return Double.toString(d);
  }
}
