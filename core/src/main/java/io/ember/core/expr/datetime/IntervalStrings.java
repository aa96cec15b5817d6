package io.ember.core.expr.datetime;

import io.ember.core.errors.AnalysisException;
import java.util.Locale;

/**
 * Parses Spark's interval strings, as {@code window()}, {@code session_window()} and {@code withWatermark}
 * take them: {@code "10 minutes"}, {@code "1 hour 30 seconds"}, {@code "interval 2 days"}, {@code "-5 seconds"},
 * {@code "1.5 seconds"}. Units are {@code year}, {@code month}, {@code week}, {@code day}, {@code hour},
 * {@code minute}, {@code second}, {@code millisecond} and {@code microsecond}, singular or plural, in any case;
 * only seconds may have a fraction (up to microseconds), as in Spark. Stateless and thread-safe.
 */
public final class IntervalStrings {
  /** Microseconds in a day: a day-time interval counts a day as 24 hours. */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private IntervalStrings() {}

  /**
   * A parsed interval: calendar months, days and microseconds, kept apart as Spark's {@code CalendarInterval}
   * keeps them (a month has no fixed length).
   */
  public record Interval(int months, int days, long micros) {
    /** The length in microseconds when the interval has no months (a day is {@link #MICROS_PER_DAY}). */
    public long totalMicros() {
      return Math.addExact(Math.multiplyExact((long) days, MICROS_PER_DAY), micros);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws AnalysisException {@code INVALID_INTERVAL_FORMAT.*} naming the input and what is wrong with it
   */
  public static Interval parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "INPUT_IS_EMPTY", "Interval string cannot be empty.");
    }
    String[] tokens = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int i = tokens[0].equals("interval") ? 1 : 0;
    if (i == tokens.length) {
      throw invalid(text, "INPUT_IS_EMPTY", "Interval string cannot be empty.");
    }
    long months = 0;
    long days = 0;
    long micros = 0;
    try {
      for (; i < tokens.length; i += 2) {
        String number = tokens[i];
        if (i + 1 == tokens.length) {
          throw invalid(text, "MISSING_UNIT", "Missing unit after number '" + number + "'.");
        }
        String unit = unit(text, tokens[i + 1]);
        boolean fraction = number.contains(".");
        if (fraction && !unit.equals("second")) {
          throw invalid(text, "INVALID_FRACTION", "'" + unit + "' cannot have fractional part.");
        }
        if (!number.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
          throw invalid(text, "INVALID_VALUE", "Invalid value '" + number + "'.");
        }
        if (fraction) {
          micros = Math.addExact(micros, fractionalSecondsToMicros(text, number));
          continue;
        }
        long v = Long.parseLong(number.startsWith("+") ? number.substring(1) : number);
        switch (unit) {
          case "year" -> months = Math.addExact(months, Math.multiplyExact(v, 12));
          case "month" -> months = Math.addExact(months, v);
          case "week" -> days = Math.addExact(days, Math.multiplyExact(v, 7));
          case "day" -> days = Math.addExact(days, v);
          case "hour" -> micros = Math.addExact(micros, Math.multiplyExact(v, 3_600_000_000L));
          case "minute" -> micros = Math.addExact(micros, Math.multiplyExact(v, 60_000_000L));
          case "second" -> micros = Math.addExact(micros, Math.multiplyExact(v, 1_000_000L));
          case "millisecond" -> micros = Math.addExact(micros, Math.multiplyExact(v, 1_000L));
          default -> micros = Math.addExact(micros, v);
        }
      }
      return new Interval(Math.toIntExact(months), Math.toIntExact(days), micros);
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(text, "ARITHMETIC_EXCEPTION", "The interval value is out of range.");
    }
  }

  /** The interval {@code text} in microseconds, or null when it does not parse or has months. Never throws. */
  public static Long microsOrNull(String text) {
    try {
      Interval iv = parse(text);
      return iv.months() != 0 ? null : iv.totalMicros();
    } catch (AnalysisException | ArithmeticException e) {
      return null;
    }
  }

  private static String unit(String text, String token) {
    String u = token.endsWith("s") ? token.substring(0, token.length() - 1) : token;
    return switch (u) {
      case "year", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond" -> u;
      default -> throw invalid(text, "INVALID_UNIT", "Invalid unit '" + token + "'.");
    };
  }

  private static long fractionalSecondsToMicros(String text, String number) {
    boolean negative = number.startsWith("-");
    String digits = number.startsWith("-") || number.startsWith("+") ? number.substring(1) : number;
    int dot = digits.indexOf('.');
    String whole = dot == 0 ? "0" : digits.substring(0, dot);
    String frac = digits.substring(dot + 1);
    if (frac.length() > 6) {
      throw invalid(text, "INVALID_PRECISION", "Interval can only support nanosecond precision, '" + number
          + "' is out of range.");
    }
    long micros = Math.addExact(Math.multiplyExact(Long.parseLong(whole), 1_000_000L),
        frac.isEmpty() ? 0 : Long.parseLong((frac + "000000").substring(0, 6)));
    return negative ? -micros : micros;
  }

  private static AnalysisException invalid(String text, String sub, String reason) {
    return new AnalysisException("INVALID_INTERVAL_FORMAT." + sub,
        "Error parsing '" + text + "' to interval. " + reason);
  }
}
