package io.ember.api;

import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session's temporary views, as Spark's {@code spark.catalog}. A view holds the logical plan of the DataFrame
 * it was created from, so a query over it re-reads its sources. Names are case-insensitive and listed in lower
 * case, as Spark lists them. Thread-safe.
 */
public final class Catalog {
  private final Map<String, LogicalPlan> views = new TreeMap<>();

  Catalog() {}

  /** The names of the temporary views, sorted. */
  public synchronized List<String> listTables() {
    return new ArrayList<>(views.keySet());
  }

  public synchronized boolean tableExists(String name) {
    return views.containsKey(key(name));
  }

  /** Drops the view {@code name}; false when there was none. */
  public synchronized boolean dropTempView(String name) {
    return views.remove(key(name)) != null;
  }

  synchronized void register(String name, LogicalPlan plan, boolean replace) {
    if (!replace && views.containsKey(key(name))) {
      throw new AnalysisException("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create the temporary view `" + name
          + "` because it already exists. Choose a different name, drop or replace the existing view, or use"
          + " createOrReplaceTempView.");
    }
    views.put(key(name), plan);
  }

  /**
   * The plan of the view {@code name}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, suggesting the closest view name
   */
  synchronized LogicalPlan lookup(String name) {
    LogicalPlan plan = views.get(key(name));
    if (plan == null) {
      List<String> names = listTables();
      String closest = Suggestions.closest(name, names);
      throw new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", "The table or view `" + name + "` cannot be found."
          + (closest != null ? " Did you mean `" + closest + "`?" : "")
          + " Verify the spelling; temporary views: " + Suggestions.quoted(names) + ".");
    }
    return plan;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
