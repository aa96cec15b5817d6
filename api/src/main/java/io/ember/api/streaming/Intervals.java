package io.ember.api.streaming;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Spark's interval strings for {@link Trigger#ProcessingTime(String)}. */
final class Intervals {
  private static final Pattern PART = Pattern.compile("\\s*(-?\\d+)\\s*([a-z]+)\\s*");

  private Intervals() {}

  static long toMillis(String interval) {
    if (interval == null || interval.isBlank()) {
      throw invalid(interval, "The interval must not be empty.");
    }
    String s = interval.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("interval ")) {
      s = s.substring("interval ".length());
    }
    Matcher m = PART.matcher(s);
    long micros = 0;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw invalid(interval, "Expected a number and a unit, e.g. '10 seconds'.");
      }
      long n = Long.parseLong(m.group(1));
      micros = Math.addExact(micros, Math.multiplyExact(n, unitMicros(interval, m.group(2))));
      at = m.end();
    }
    if (micros < 0) {
      throw invalid(interval, "The trigger interval must not be negative.");
    }
    return micros / 1000;
  }

  private static long unitMicros(String interval, String unit) {
    String u = unit.endsWith("s") && unit.length() > 2 ? unit.substring(0, unit.length() - 1) : unit;
    return switch (u) {
      case "microsecond", "us" -> 1L;
      case "millisecond", "ms" -> 1_000L;
      case "second", "sec", "s" -> 1_000_000L;
      case "minute", "min", "m" -> 60_000_000L;
      case "hour", "h" -> 3_600_000_000L;
      case "day", "d" -> 86_400_000_000L;
      case "week" -> 7 * 86_400_000_000L;
      case "month", "year" -> throw invalid(interval, "Doesn't support month or year interval: " + interval);
      default -> throw invalid(interval, "Unknown unit '" + unit + "'.");
    };
  }

  private static EmberIllegalArgumentException invalid(String interval, String why) {
    return new EmberIllegalArgumentException(
        "INVALID_TRIGGER_INTERVAL", "Invalid trigger interval '" + interval + "': " + why);
  }
}

