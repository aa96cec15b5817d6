package io.ember.core.data;

import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.Locale;

/**
 * Writes interval values in Spark's ANSI style, as {@code show()}, casts to string and literal names print them:
 * {@code INTERVAL '0 01:00:00' DAY TO SECOND}, {@code INTERVAL '01' HOUR}, {@code INTERVAL '1-2' YEAR TO MONTH}.
 * Fields outside the type's range are not printed (an {@code interval hour} holding 90 minutes prints
 * {@code '01'}). Stateless and thread-safe.
 */
public final class IntervalFormat {
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

  /** {@code Long.MIN_VALUE} µs, which cannot be negated: 106751991 days 04:00:54.775808. */
  private static final String MIN_MICROS_DIGITS = "-106751991 04:00:54.775808";

  private IntervalFormat() {}

  /** {@code micros} of type {@code type} as Spark writes it. */
  public static String dayTime(long micros, DayTimeIntervalType type) {
    int start = type.startField();
    int end = type.endField();
    String fields = start == end ? upper(DayTimeIntervalType.fieldName(start))
        : upper(DayTimeIntervalType.fieldName(start)) + " TO " + upper(DayTimeIntervalType.fieldName(end));
    if (micros == Long.MIN_VALUE) {
      return "INTERVAL '" + minValue(start, end) + "' " + fields;
    }
    StringBuilder sb = new StringBuilder(micros < 0 ? "-" : "");
    long rest = Math.abs(micros);
    switch (start) {
      case DayTimeIntervalType.DAY -> {
        sb.append(rest / MICROS_PER_DAY);
        rest %= MICROS_PER_DAY;
      }
      case DayTimeIntervalType.HOUR -> {
        sb.append(twoDigits(rest / MICROS_PER_HOUR));
        rest %= MICROS_PER_HOUR;
      }
      case DayTimeIntervalType.MINUTE -> {
        sb.append(twoDigits(rest / MICROS_PER_MINUTE));
        rest %= MICROS_PER_MINUTE;
      }
      default -> sb.append(seconds(rest));
    }
    if (start < DayTimeIntervalType.HOUR && DayTimeIntervalType.HOUR <= end) {
      sb.append(' ').append(twoDigits(rest / MICROS_PER_HOUR));
      rest %= MICROS_PER_HOUR;
    }
    if (start < DayTimeIntervalType.MINUTE && DayTimeIntervalType.MINUTE <= end) {
      sb.append(':').append(twoDigits(rest / MICROS_PER_MINUTE));
      rest %= MICROS_PER_MINUTE;
    }
    if (start < DayTimeIntervalType.SECOND && DayTimeIntervalType.SECOND <= end) {
      sb.append(':').append(seconds(rest));
    }
    return "INTERVAL '" + sb + "' " + fields;
  }

  /** {@code months} of type {@code type} as Spark writes it. */
  public static String yearMonth(int months, YearMonthIntervalType type) {
    long abs = Math.abs((long) months);
    String year = (months < 0 ? "-" : "") + abs / 12;
    if (type.startField() != type.endField()) {
      return "INTERVAL '" + year + "-" + abs % 12 + "' YEAR TO MONTH";
    }
    return type.startField() == YearMonthIntervalType.YEAR ? "INTERVAL '" + year + "' YEAR"
        : "INTERVAL '" + months + "' MONTH";
  }

  /** The microseconds of {@code d}. @throws ArithmeticException when they do not fit a long */
  public static long micros(Duration d) {
    long seconds = d.getSeconds();
    long micros = d.getNano() / 1000;
    if (seconds < 0 && micros > 0) { // keeps Long.MIN_VALUE µs representable
      seconds++;
      micros -= MICROS_PER_SECOND;
    }
    return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), micros);
  }

  /** The months of {@code p} (its days must be zero). @throws ArithmeticException when they do not fit an int */
  public static int months(Period p) {
    return Math.toIntExact(p.toTotalMonths());
  }

  private static String twoDigits(long v) {
    return v < 10 ? "0" + v : Long.toString(v);
  }

  /** Seconds with their fraction, at least two integral digits, no trailing zeros: {@code 05}, {@code 01.5}. */
  private static String seconds(long micros) {
    String s = BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    return micros < 10 * MICROS_PER_SECOND ? "0" + s : s;
  }

  private static String minValue(int start, int end) {
    String first = switch (start) {
      case DayTimeIntervalType.DAY -> "-106751991";
      case DayTimeIntervalType.HOUR -> "-2562047788";
      case DayTimeIntervalType.MINUTE -> "-153722867280";
      default -> "-9223372036854.775808";
    };
    if (start == end) {
      return first;
    }
    int from = switch (start) {
      case DayTimeIntervalType.DAY -> 10;
      case DayTimeIntervalType.HOUR -> 13;
      default -> 16;
    };
    int to = switch (end) {
      case DayTimeIntervalType.HOUR -> 13;
      case DayTimeIntervalType.MINUTE -> 16;
      default -> MIN_MICROS_DIGITS.length();
    };
    return first + MIN_MICROS_DIGITS.substring(from, to);
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }
}
