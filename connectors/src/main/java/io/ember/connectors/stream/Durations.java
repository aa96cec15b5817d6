package io.ember.connectors.stream;

import io.ember.connectors.file.FileOptions;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Duration options as Spark's {@code JavaUtils.timeStringAs}: a number with an optional unit suffix. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(-?[0-9]+)([a-z]+)?");

  private Durations() {}

  /** {@code value} in whole seconds; a plain number is seconds; units us, ms, s, m/min, h, d. */
  public static long toSeconds(String key, String value) {
    return convert(key, value, TimeUnit.SECONDS, TimeUnit.SECONDS);
  }

  /** {@code value} in milliseconds; a plain number is milliseconds. */
  public static long toMillis(String key, String value) {
    return convert(key, value, TimeUnit.MILLISECONDS, TimeUnit.MILLISECONDS);
  }

  private static long convert(String key, String value, TimeUnit defaultUnit, TimeUnit target) {
    Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw FileOptions.invalid(key, value, "a duration such as 10s, 500ms, 2m, 1h or 1d");
    }
    TimeUnit unit = defaultUnit;
    String suffix = m.group(2);
    if (suffix != null) {
      switch (suffix) {
        case "us" -> unit = TimeUnit.MICROSECONDS;
        case "ms" -> unit = TimeUnit.MILLISECONDS;
        case "s" -> unit = TimeUnit.SECONDS;
        case "m", "min" -> unit = TimeUnit.MINUTES;
        case "h" -> unit = TimeUnit.HOURS;
        case "d" -> unit = TimeUnit.DAYS;
        default -> throw FileOptions.invalid(key, value, "a duration such as 10s, 500ms, 2m, 1h or 1d");
      }
    }
    try {
      return target.convert(Long.parseLong(m.group(1)), unit);
    } catch (NumberFormatException e) {
      throw FileOptions.invalid(key, value, "a duration such as 10s, 500ms, 2m, 1h or 1d");
    }
  }
}
