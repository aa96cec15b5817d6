package io.ember.core.expr.datetime;

import io.ember.core.data.IntervalFormat;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.YearMonthIntervalType;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Spark's ANSI interval literals and strings into typed values:
 * <ul>
 *   <li>unit-value pairs, {@code 1 day 2 hours}, {@code 10 minutes}, {@code '1' HOUR}: the type's fields span the
 *       units used (weeks count as days, milli- and microseconds as seconds); year-month and day-time units cannot
 *       be mixed;
 *   <li>from-to strings, {@code '1 02:00:00' DAY TO SECOND}, {@code '1-2' YEAR TO MONTH}: the leading field is
 *       unbounded, the others within their range (hours 0-23, minutes and seconds 0-59, months 0-11), seconds
 *       take up to nine fraction digits (kept to the microsecond);
 *   <li>cast input: the bare value in the target type's format, or the whole {@code INTERVAL '...' FIELDS} literal
 *       naming the target's fields.
 * </ul>
 * Stateless and thread-safe.
 */
public final class AnsiIntervals {
  private static final Pattern LITERAL = Pattern.compile(
      "(?i)^\\s*interval\\s+([+-])?\\s*'([^']*)'\\s+([a-z]+)(?:\\s+to\\s+([a-z]+))?\\s*$");

  private AnsiIntervals() {}

  /**
   * A typed interval value.
   *
   * @param type a {@link DayTimeIntervalType} (value in microseconds) or {@link YearMonthIntervalType} (months)
   * @param value the microseconds or months
   */
  public record Value(DataType type, long value) {
    /** The value as a {@link Duration} or a {@link Period}, as vectors return it. */
    public Object javaValue() {
      if (type instanceof DayTimeIntervalType) {
        return Duration.ofSeconds(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
      }
      return Period.ofMonths((int) value).normalized();
    }
  }

  /**
   * Unit-value pairs as Spark's multi-unit literal reads them: {@code 1 day 2 hours}, {@code -1.5 seconds}.
   *
   * @throws AnalysisException {@code INVALID_INTERVAL_FORMAT.*} for malformed text, or when year-month and day-time
   *     units are mixed
   */
  public static Value unitValues(String text) {
    IntervalStrings.Interval parsed = IntervalStrings.parse(text);
    String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    List<String> units = new ArrayList<>();
    for (int i = tokens[0].equals("interval") ? 2 : 1; i < tokens.length; i += 2) {
      units.add(tokens[i].endsWith("s") ? tokens[i].substring(0, tokens[i].length() - 1) : tokens[i]);
    }
    int ymStart = Integer.MAX_VALUE;
    int ymEnd = -1;
    int dtStart = Integer.MAX_VALUE;
    int dtEnd = -1;
    for (String u : units) {
      int ym = YearMonthIntervalType.field(u);
      int dt = switch (u) {
        case "week" -> DayTimeIntervalType.DAY;
        case "millisecond", "microsecond" -> DayTimeIntervalType.SECOND;
        default -> DayTimeIntervalType.field(u);
      };
      if (ym >= 0) {
        ymStart = Math.min(ymStart, ym);
        ymEnd = Math.max(ymEnd, ym);
      } else {
        dtStart = Math.min(dtStart, dt);
        dtEnd = Math.max(dtEnd, dt);
      }
    }
    if (ymEnd >= 0 && dtEnd >= 0) {
      throw new AnalysisException("INVALID_INTERVAL_FORMAT.MIXED_UNITS",
          "Cannot mix year-month and day-time fields: " + text.trim() + ".");
    }
    if (ymEnd >= 0) {
      return new Value(new YearMonthIntervalType(ymStart, ymEnd), parsed.months());
    }
    try {
      return new Value(new DayTimeIntervalType(dtStart, dtEnd), parsed.totalMicros());
    } catch (ArithmeticException e) {
      throw invalid(text, "ARITHMETIC_EXCEPTION", "The interval value is out of range.");
    }
  }

  /**
   * A from-to literal's value: {@code value} written in the format of the fields {@code from} to {@code to}
   * (unit names, any case), negated when {@code negative} (the sign written before the quotes).
   *
   * @throws AnalysisException {@code INVALID_INTERVAL_FORMAT.*} when the value does not match the fields' format
   *     or is out of range
   */
  public static Value fromTo(String value, boolean negative, String from, String to) {
    DataType type = fieldsType(from, to);
    if (type == null) {
      throw new AnalysisException("INVALID_INTERVAL_FORMAT.UNSUPPORTED_FROM_TO_EXPRESSION",
          "Error parsing interval '" + value + "': intervals FROM " + from.toUpperCase(Locale.ROOT) + " TO "
              + to.toUpperCase(Locale.ROOT) + " are not supported.");
    }
    Long v = type instanceof DayTimeIntervalType dt ? dayTimeOrNull(value, dt) : yearMonthOrNull(value,
        (YearMonthIntervalType) type);
    if (v == null) {
      throw invalid(value, type instanceof DayTimeIntervalType ? "DAY_TIME_PARSING" : "YEAR_MONTH_PARSING",
          "It does not match the format of " + type.simpleString().toUpperCase(Locale.ROOT)
              + " or is out of range.");
    }
    if (negative) {
      if (v == Long.MIN_VALUE || type instanceof YearMonthIntervalType && v == Integer.MIN_VALUE) {
        throw invalid(value, "ARITHMETIC_EXCEPTION", "The interval value is out of range.");
      }
      v = -v;
    }
    return new Value(type, v);
  }

  /**
   * {@code text} cast to {@code type}: the bare value in the type's format or the whole literal naming the type's
   * fields; null when it is neither. Never throws.
   */
  public static Long castOrNull(String text, DataType type) {
    Matcher m = LITERAL.matcher(text);
    String value = text.trim();
    boolean negative = false;
    if (m.matches()) {
      String to = m.group(4) == null ? m.group(3) : m.group(4);
      if (!type.equals(fieldsType(m.group(3), to))) {
        return null;
      }
      negative = "-".equals(m.group(1));
      value = m.group(2);
    }
    Long v = type instanceof DayTimeIntervalType dt ? dayTimeOrNull(value, dt)
        : yearMonthOrNull(value, (YearMonthIntervalType) type);
    if (v == null || !negative) {
      return v;
    }
    return v == Long.MIN_VALUE || type instanceof YearMonthIntervalType && v == Integer.MIN_VALUE ? null : -v;
  }

  /** The interval type of the fields {@code from} to {@code to} (unit names), or null when they name none. */
  public static DataType fieldsType(String from, String to) {
    int ds = DayTimeIntervalType.field(from);
    int de = DayTimeIntervalType.field(to);
    if (ds >= 0 && de >= ds) {
      return new DayTimeIntervalType(ds, de);
    }
    int ys = YearMonthIntervalType.field(from);
    int ye = YearMonthIntervalType.field(to);
    return ys >= 0 && ye >= ys ? new YearMonthIntervalType(ys, ye) : null;
  }

  private static final long[] UNIT_MICROS = {
      IntervalFormat.MICROS_PER_DAY, IntervalFormat.MICROS_PER_HOUR, IntervalFormat.MICROS_PER_MINUTE,
      IntervalFormat.MICROS_PER_SECOND};
  private static final long[] SECONDARY_LIMIT = {Long.MAX_VALUE, 23, 59, 59};

  /** {@code value} in the format of {@code type}'s fields ({@code [+|-]d h:m:s.f} and narrower), or null. */
  static Long dayTimeOrNull(String value, DayTimeIntervalType type) {
    StringBuilder regex = new StringBuilder("^([+-])?");
    for (int f = type.startField(); f <= type.endField(); f++) {
      if (f > type.startField()) {
        regex.append(f == DayTimeIntervalType.HOUR ? " " : ":");
      }
      regex.append(f == type.startField() ? "(\\d+)" : "(\\d{1,2})");
      if (f == DayTimeIntervalType.SECOND) {
        regex.append("(?:\\.(\\d{1,9}))?");
      }
    }
    Matcher m = Pattern.compile(regex.append('$').toString()).matcher(value.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      long micros = 0;
      int group = 2;
      for (int f = type.startField(); f <= type.endField(); f++) {
        long v = Long.parseLong(m.group(group++));
        if (f > type.startField() && v > SECONDARY_LIMIT[f]) {
          return null;
        }
        micros = Math.addExact(micros, Math.multiplyExact(v, UNIT_MICROS[f]));
      }
      if (type.endField() == DayTimeIntervalType.SECOND && m.group(group) != null) {
        micros = Math.addExact(micros, Long.parseLong((m.group(group) + "00000").substring(0, 6)));
      }
      return "-".equals(m.group(1)) ? -micros : micros;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** {@code value} in the format of {@code type}'s fields ({@code [+|-]y-m}, {@code y}, {@code m}), or null. */
  static Long yearMonthOrNull(String value, YearMonthIntervalType type) {
    boolean both = type.startField() != type.endField();
    Matcher m = Pattern.compile(both ? "^([+-])?(\\d+)-(\\d{1,2})$" : "^([+-])?(\\d+)$").matcher(value.trim());
    if (!m.matches()) {
      return null;
    }
    try {
      long first = Long.parseLong(m.group(2));
      long months;
      if (both) {
        long month = Long.parseLong(m.group(3));
        if (month > 11) {
          return null;
        }
        months = Math.addExact(Math.multiplyExact(first, 12), month);
      } else {
        months = type.startField() == YearMonthIntervalType.YEAR ? Math.multiplyExact(first, 12) : first;
      }
      months = "-".equals(m.group(1)) ? -months : months;
      return months < Integer.MIN_VALUE || months > Integer.MAX_VALUE ? null : months;
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static AnalysisException invalid(String text, String sub, String reason) {
    return new AnalysisException("INVALID_INTERVAL_FORMAT." + sub,
        "Error parsing '" + text + "' to interval. " + reason);
  }
}
