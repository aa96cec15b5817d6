package io.ember.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options, and {@code --flag} alone for a boolean. */
public final class Args {
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code --k v} pairs; a {@code --k} followed by another option or nothing means {@code true}. */
  public static Args parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + args[i] + "': options look like --name value");
      }
      String k = args[i].substring(2);
      boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
      m.put(k, hasValue ? args[++i] : "true");
    }
    return new Args(m);
  }

  public boolean has(String k) {
    return values.containsKey(k);
  }

  public String get(String k) {
    return values.get(k);
  }

  public String get(String k, String dflt) {
    return values.getOrDefault(k, dflt);
  }

  public String require(String k) {
    String v = values.get(k);
    if (v == null) {
      throw new IllegalArgumentException("Missing option --" + k);
    }
    return v;
  }

  public int getInt(String k, int dflt) {
    return has(k) ? Integer.parseInt(get(k)) : dflt;
  }

  public long getLong(String k, long dflt) {
    return has(k) ? Long.parseLong(get(k)) : dflt;
  }

  public boolean flag(String k) {
    return Boolean.parseBoolean(values.getOrDefault(k, "false"));
  }
}
