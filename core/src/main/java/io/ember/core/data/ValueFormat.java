package io.ember.core.data;

import java.time.Instant;
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

  /** As Spark's {@code show()}: {@code NULL} is not used here (callers decide), timestamps in {@code zone}. */
  public static String toDisplayString(Object v, ZoneId zone) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Instant i) {
      return TIMESTAMP.format(LocalDateTime.ofInstant(i, zone));
    }
    if (v instanceof Double d) {
      return formatDouble(d);
    }
    if (v instanceof java.math.BigDecimal bd) {
      return bd.toPlainString();
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

  /** Spark's double to string: {@code 1.0}, {@code 1.0E10}, {@code NaN}, {@code Infinity}. */
  public static String formatDouble(double d) {
    return Double.toString(d);
  }
}
