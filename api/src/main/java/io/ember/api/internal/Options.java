package io.ember.api.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data source options as a reader or writer collects them: keys are case-insensitive (a later key that
 * differs only in case replaces the earlier one), the order of first setting is kept.
 */
public final class Options {
  private final Map<String, String> values = new LinkedHashMap<>();

  public void put(String key, String value) {
    values.keySet().removeIf(k -> k.equalsIgnoreCase(key));
    values.put(key, value);
  }

  public void putAll(Map<String, String> options) {
    options.forEach(this::put);
  }

  /** The value of {@code key} in any case, or null. */
  public String get(String key) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** An unmodifiable copy. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** {@code Double.toString} for doubles, as Spark's {@code option(key, double)}. */
  public static String format(double value) {
    return Double.toString(value);
  }
}
