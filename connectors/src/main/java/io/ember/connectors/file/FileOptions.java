package io.ember.connectors.file;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Data source options with case-insensitive keys, as Spark's {@code CaseInsensitiveMap}, and typed
 * getters that reject bad values with an error naming the option.
 */
public final class FileOptions {
  private final Map<String, String> values;

  public FileOptions(Map<String, String> options) {
    TreeMap<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (options != null) {
      m.putAll(options);
    }
    this.values = Collections.unmodifiableMap(m);
  }

  public static FileOptions empty() {
    return new FileOptions(Map.of());
  }

  public Map<String, String> asMap() {
    return values;
  }

  public boolean contains(String key) {
    return values.containsKey(key);
  }

  /** The value of {@code key}, or {@code fallback} when unset. */
  public String get(String key, String fallback) {
    String v = values.get(key);
    return v == null ? fallback : v;
  }

  /** The value of the first key that is set, or {@code fallback}. */
  public String getAny(String fallback, String... keys) {
    for (String k : keys) {
      String v = values.get(k);
      if (v != null) {
        return v;
      }
    }
    return fallback;
  }

  public boolean getBoolean(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw invalid(key, v, "true or false");
  }

  public int getInt(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, v, "an integer");
    }
  }

  /** A size in bytes: a plain number or with a unit suffix {@code k, m, g} (optionally followed by {@code b}). */
  public long getBytes(String key, long fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b")) {
      t = t.substring(0, t.length() - 1);
    }
    long mult = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t.trim()) * mult;
      if (n <= 0) {
        throw invalid(key, v, "a positive size in bytes (e.g. 33554432 or 32m)");
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, v, "a positive size in bytes (e.g. 33554432 or 32m)");
    }
  }

  /** A single character; {@code fallback} when unset; an empty value gives {@code '\0'} (Spark: disables the feature). */
  public char getChar(String key, char fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.isEmpty()) {
      return '\0';
    }
    if (v.length() == 2 && v.charAt(0) == '\\') {
      switch (v.charAt(1)) {
        case 't':
          return '\t';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case '\\':
          return '\\';
        case '0':
          return '\0';
        default:
          break;
      }
    }
    if (v.length() != 1) {
      throw invalid(key, v, "a single character");
    }
    return v.charAt(0);
  }

  public Charset getCharset(String fallback, String... keys) {
    String v = getAny(fallback, keys);
    try {
      return Charset.forName(v);
    } catch (RuntimeException e) {
      throw invalid(keys[0], v, "a supported charset such as UTF-8");
    }
  }

  /** The {@code timeZone} option, or {@code fallback}. */
  public ZoneId getZone(ZoneId fallback) {
    String v = values.get("timeZone");
    if (v == null) {
      return fallback;
    }
    try {
      return ZoneId.of(v.trim());
    } catch (RuntimeException e) {
      throw invalid("timeZone", v, "a region id such as UTC or America/Los_Angeles, or an offset such as +01:00");
    }
  }

  /** The error for a bad option value: names the option, the value and what is allowed. */
  public static EmberIllegalArgumentException invalid(String key, String value, String expected) {
    return new EmberIllegalArgumentException(
        "INVALID_OPTION_VALUE", "Invalid value '" + value + "' for option '" + key + "': expected " + expected + ".");
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
