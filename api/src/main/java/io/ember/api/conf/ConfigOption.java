package io.ember.api.conf;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.List;
import java.util.function.Function;

/**
 * One typed session option: its key (Spark's where Spark has the same option), default, parser with
 * validation, and documentation. Declared once in {@link SessionConf}; docs can be generated from the list.
 *
 * @param <T> the value type
 */
public record ConfigOption<T>(String key, T defaultValue, Function<String, T> parser, String doc) {
  /**
   * Parses {@code raw} for this option.
   *
   * @throws EmberIllegalArgumentException naming the key, the bad value and what is expected
   */
  public T parse(String raw) {
    try {
      return parser.apply(raw.trim());
    } catch (OutOfOptions e) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS", "The value '" + raw
          + "' in the config \"" + key + "\" is invalid. It should be one of '" + String.join(", ", e.options)
          + "'. " + doc);
    } catch (RuntimeException e) {
      throw new EmberIllegalArgumentException(
          "INVALID_CONF_VALUE",
          "The value '" + raw + "' of the config \"" + key + "\" is invalid: " + e.getMessage() + ". " + doc);
    }
  }

  /**
   * An option taking one of {@code options} in any case, as Spark's {@code checkValues} options: the value is the
   * option's upper-case name; another value fails with {@code INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS}.
   */
  static ConfigOption<String> oneOf(String key, String def, String doc, String... options) {
    List<String> names = List.of(options);
    return new ConfigOption<>(key, def, s -> {
      String v = s.toUpperCase(java.util.Locale.ROOT);
      if (!names.contains(v)) {
        throw new OutOfOptions(names);
      }
      return v;
    }, doc);
  }

  /** A value that is none of an option's names (see {@link #oneOf}). */
  private static final class OutOfOptions extends IllegalArgumentException {
    private final transient List<String> options;

    OutOfOptions(List<String> options) {
      super("expected one of " + options);
      this.options = options;
    }
  }

  static ConfigOption<Boolean> bool(String key, boolean def, String doc) {
    return new ConfigOption<>(key, def, s -> {
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
      throw new IllegalArgumentException("expected true or false");
    }, doc);
  }

  static ConfigOption<Integer> positiveInt(String key, int def, String doc) {
    return new ConfigOption<>(key, def, s -> {
      int v;
      try {
        v = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a positive integer");
      }
      if (v <= 0) {
        throw new IllegalArgumentException("expected a positive integer");
      }
      return v;
    }, doc);
  }

  /**
   * A duration: a number with a unit ({@code us}, {@code ms}, {@code s}, {@code m}/{@code min}, {@code h},
   * {@code d}; a plain number is milliseconds), not negative, as whole milliseconds (so that the default
   * prints as a value the option accepts).
   */
  static ConfigOption<Long> millis(String key, long def, String doc) {
    return new ConfigOption<>(key, def, s -> parseDuration(s).toMillis(), doc);
  }

  static java.time.Duration parseDuration(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([a-z]*)")
        .matcher(s.toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration such as 100ms, 1s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "us" -> java.time.Duration.ofNanos(Math.multiplyExact(n, 1000L));
      case "", "ms" -> java.time.Duration.ofMillis(n);
      case "s", "sec" -> java.time.Duration.ofSeconds(n);
      case "m", "min" -> java.time.Duration.ofMinutes(n);
      case "h" -> java.time.Duration.ofHours(n);
      case "d" -> java.time.Duration.ofDays(n);
      default -> throw new IllegalArgumentException("expected a duration such as 100ms, 1s or 2m");
    };
  }

  static ConfigOption<Long> bytes(String key, long def, String doc) {
    return new ConfigOption<>(key, def, ConfigOption::parseBytes, doc);
  }

  /** {@code 1048576}, {@code 512k}, {@code 512m}, {@code 2g} (binary units, case-insensitive). */
  static long parseBytes(String s) {
    String t = s.toLowerCase(java.util.Locale.ROOT);
    long mult = 1;
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    switch (last) {
      case 'k' -> mult = 1L << 10;
      case 'm' -> mult = 1L << 20;
      case 'g' -> mult = 1L << 30;
      case 't' -> mult = 1L << 40;
      default -> mult = 1;
    }
    if (mult != 1) {
      t = t.substring(0, t.length() - 1);
    }
    long v;
    try {
      v = Long.parseLong(t.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a size such as 512m or 2g");
    }
    if (v <= 0) {
      throw new IllegalArgumentException("expected a positive size");
    }
    return Math.multiplyExact(v, mult);
  }
}
