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
 * The session's temporary views, as Spark's {@code spark.catalog}, and the global temporary views it shares with
 * the other sessions of its runtime (database {@code global_temp}: {@code global_temp.name} names one; a plain name
 * never finds one). A view holds the logical plan of the DataFrame it was created from, so a query over it
 * re-reads its sources. Names are case-insensitive and listed in lower case, as Spark lists them. Thread-safe.
 */
public final class Catalog {
  private final Map<String, LogicalPlan> views = new TreeMap<>();
  private final GlobalTempViews global;
  /** The session whose cache {@link #cacheTable} uses; null for a catalog that only resolves names. */
  private final Session session;

  Catalog() {
    this(new GlobalTempViews(), null);
  }

  Catalog(GlobalTempViews global, Session session) {
    this.global = global;
    this.session = session;
  }

  /**
   * Caches the view {@code name} (or {@code global_temp.name}) at MEMORY_AND_DISK, as {@code spark.table(name).cache()}:
   * lazily, the first action over it keeps its rows.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is no such view
   */
  public void cacheTable(String name) {
    session.dataFrame(lookup(name)).cache();
  }

  /** As {@link #cacheTable(String)} at {@code storageLevel}. */
  public void cacheTable(String name, StorageLevel storageLevel) {
    session.dataFrame(lookup(name)).persist(storageLevel);
  }

  /**
   * Drops the cached data of the view {@code name}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is no such view
   */
  public void uncacheTable(String name) {
    session.dataFrame(lookup(name)).unpersist();
  }

  /**
   * Whether the view {@code name} is cached.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is no such view
   */
  public boolean isCached(String name) {
    return !session.dataFrame(lookup(name)).storageLevel().equals(StorageLevel.NONE);
  }

  /** Drops every cached DataFrame and view of the session. */
  public void clearCache() {
    session.cacheManager().clear();
  }

  /** The names of the temporary views, sorted. */
  public synchronized List<String> listTables() {
    return new ArrayList<>(views.keySet());
  }

  /**
   * The views of database {@code dbName} as Spark lists them: for {@code global_temp} the global temporary views,
   * then (as for {@code default}) the session's temporary views, each sorted.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND} for another database
   */
  public List<String> listTables(String dbName) {
    List<String> out = new ArrayList<>();
    if (isGlobal(dbName)) {
      out.addAll(global.names());
    } else if (!dbName.equalsIgnoreCase("default")) {
      throw new AnalysisException("SCHEMA_NOT_FOUND", "The schema `" + dbName + "` cannot be found. Verify the"
          + " spelling and correctness of the schema and catalog.");
    }
    out.addAll(listTables());
    return out;
  }

  /** Whether {@code name} is a temporary view, or ({@code global_temp.name}) a global temporary view. */
  public synchronized boolean tableExists(String name) {
    String globalName = globalName(name);
    return globalName != null ? global.get(globalName) != null : views.containsKey(key(name));
  }

  /**
   * Whether {@code name} (any case) is a function a query can call: one the session registered
   * ({@code udf().register}) or a built-in scalar, aggregate, window or generator function.
   */
  public boolean functionExists(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return session.functions().get(n) != null || io.ember.core.expr.FunctionRegistry.standard().contains(n)
        || io.ember.operators.aggregate.AggregateFunctions.isAggregate(n)
        || io.ember.api.logical.LogicalExpr.WINDOW_ONLY.contains(n) || n.equals("explode") || n.equals("explode_outer");
  }

  /** The names of the functions the session registered ({@code udf().register}: temporary functions), sorted. */
  public List<String> listFunctions() {
    return session.functions().names();
  }

  /** Drops the view {@code name}; false when there was none. */
  public synchronized boolean dropTempView(String name) {
    return views.remove(key(name)) != null;
  }

  /** Drops the global temporary view {@code name} (for every session of the runtime); false when there was none. */
  public boolean dropGlobalTempView(String name) {
    String globalName = globalName(name);
    return global.drop(globalName != null ? globalName : name);
  }

  /**
   * Registers {@code plan} as the global temporary view {@code name}.
   *
   * @throws AnalysisException {@code TEMP_TABLE_OR_VIEW_ALREADY_EXISTS} when it exists and {@code replace} is false
   */
  void registerGlobal(String name, LogicalPlan plan, boolean replace) {
    if (!global.register(name, plan, replace)) {
      throw new AnalysisException("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "Cannot create the temporary view `"
          + GlobalTempViews.DATABASE + "`.`" + name + "` because it already exists. Choose a different name, drop or"
          + " replace the existing view, or use createOrReplaceGlobalTempView.");
    }
  }

  /** The view part of {@code global_temp.name}, or null when {@code name} is not qualified by that database. */
  private static String globalName(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && isGlobal(name.substring(0, dot)) ? name.substring(dot + 1) : null;
  }

  private static boolean isGlobal(String database) {
    return database.equalsIgnoreCase(GlobalTempViews.DATABASE);
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
    String globalName = globalName(name);
    if (globalName != null) {
      LogicalPlan plan = global.get(globalName);
      if (plan == null) {
        List<String> names = global.names();
        String closest = Suggestions.closest(globalName, names);
        throw new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", "The table or view `" + GlobalTempViews.DATABASE
            + "`.`" + globalName + "` cannot be found." + (closest != null ? " Did you mean `"
            + GlobalTempViews.DATABASE + "`.`" + closest + "`?" : "") + " Verify the spelling; global temporary"
            + " views: " + Suggestions.quoted(names) + ".");
      }
      return plan;
    }
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
