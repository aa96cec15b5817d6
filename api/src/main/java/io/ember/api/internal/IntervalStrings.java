package io.ember.api.internal;

import io.ember.core.errors.AnalysisException;
import java.util.Locale;

/**
 * Parses Spark's interval strings, as {@code withWatermark}'s delay, window durations and trigger intervals
 * take them: an optional {@code interval} prefix, then one or more {@code [+|-]value unit} pairs, units
 * {@code year, month, week, day, hour, minute, second, millisecond, microsecond} (singular or plural, any
 * case). A fraction is allowed on seconds only ({@code "1.5 seconds"}).
 */
public final class IntervalStrings {
  /** Days a month counts as when an interval becomes a duration, as Spark's watermark delay counts them. */
  public static final int DAYS_PER_MONTH = 31;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60L * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60L * MICROS_PER_MINUTE;
  private static final long MICROS_PER_DAY = 24L * MICROS_PER_HOUR;

  private IntervalStrings() {}

  /** An interval: months and days kept apart from the exact time part, as Spark's {@code CalendarInterval}. */
  public record Interval(int months, int days, long micros) {
    /** The interval as a duration in microseconds, a month counting {@link #DAYS_PER_MONTH} days. */
    public long durationMicros() {
      return Math.addExact(Math.addExact(Math.multiplyExact((long) months * DAYS_PER_MONTH, MICROS_PER_DAY),
          Math.multiplyExact((long) days, MICROS_PER_DAY)), micros);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws AnalysisException {@code CANNOT_PARSE_INTERVAL} when it is not an interval string
   */
  public static Interval parse(String text) {
    Interval parsed = text == null ? null : tryParse(text);
    if (parsed == null) {
      throw new AnalysisException("CANNOT_PARSE_INTERVAL", "Unable to parse " + text + ". Please ensure that the"
          + " value provided is in a valid format for defining an interval, such as '10 seconds' or '1 hour 30"
          + " minutes'. If the issue persists, please double check that the input value is not null or empty.");
    }
    return parsed;
  }

  private static Interval tryParse(String text) {
    String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int i = 0;
    if (tokens.length > 0 && tokens[0].equals("interval")) {
      i = 1;
    }
    if (i >= tokens.length || tokens[i].isEmpty()) {
      return null;
    }
    long months = 0;
    long days = 0;
    long micros = 0;
    try {
      while (i < tokens.length) {
        String value = tokens[i];
        String unit;
        int split = unitStart(value);
        if (split < value.length()) {
          unit = value.substring(split);
          value = value.substring(0, split);
          i++;
        } else if (i + 1 < tokens.length) {
          unit = tokens[i + 1];
          i += 2;
        } else {
          return null;
        }
        if (unit.endsWith("s")) {
          unit = unit.substring(0, unit.length() - 1);
        }
        if (value.contains(".") && !unit.equals("second")) {
          return null;
        }
        switch (unit) {
          case "year" -> months = Math.addExact(months, Math.multiplyExact(Long.parseLong(value), 12));
          case "month" -> months = Math.addExact(months, Long.parseLong(value));
          case "week" -> days = Math.addExact(days, Math.multiplyExact(Long.parseLong(value), 7));
          case "day" -> days = Math.addExact(days, Long.parseLong(value));
          case "hour" -> micros = Math.addExact(micros, Math.multiplyExact(Long.parseLong(value), MICROS_PER_HOUR));
          case "minute" -> micros = Math.addExact(micros, Math.multiplyExact(Long.parseLong(value), MICROS_PER_MINUTE));
          case "second" -> micros = Math.addExact(micros, seconds(value));
          case "millisecond" -> micros = Math.addExact(micros, Math.multiplyExact(Long.parseLong(value), 1_000L));
          case "microsecond" -> micros = Math.addExact(micros, Long.parseLong(value));
          default -> {
            return null;
          }
        }
      }
      return new Interval(Math.toIntExact(months), Math.toIntExact(days), micros);
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** Where the unit starts in a token like {@code 10seconds}; the token's length when it is all number. */
  private static int unitStart(String token) {
    int k = 0;
    while (k < token.length() && (Character.isDigit(token.charAt(k)) || "+-.".indexOf(token.charAt(k)) >= 0)) {
      k++;
    }
    return k;
  }

  private static long seconds(String value) {
    java.math.BigDecimal d = new java.math.BigDecimal(value);
    return d.movePointRight(6).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
  }
}
