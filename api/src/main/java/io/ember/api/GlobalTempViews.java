package io.ember.api;

import io.ember.api.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The global temporary views of one runtime, as Spark's {@code GlobalTempViewManager}: views in the database
 * {@value #DATABASE} that every session on the runtime ({@link Session#newSession()}) sees, until they are
 * dropped or the runtime stops. Names are case-insensitive and kept in lower case. Thread-safe.
 */
final class GlobalTempViews {
  /** The database global temporary views live in ({@code spark.sql.globalTempDatabase}'s default). */
  static final String DATABASE = "global_temp";

  private final Map<String, LogicalPlan> views = new TreeMap<>();

  /** Registers {@code plan} as {@code name}; false (nothing changed) when {@code replace} is false and it exists. */
  synchronized boolean register(String name, LogicalPlan plan, boolean replace) {
    String key = key(name);
    if (!replace && views.containsKey(key)) {
      return false;
    }
    views.put(key, plan);
    return true;
  }

  /** The view {@code name}, or null. */
  synchronized LogicalPlan get(String name) {
    return views.get(key(name));
  }

  synchronized boolean drop(String name) {
    return views.remove(key(name)) != null;
  }

  /** The names, sorted. */
  synchronized List<String> names() {
    return new ArrayList<>(views.keySet());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
