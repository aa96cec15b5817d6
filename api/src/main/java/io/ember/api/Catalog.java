package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.api.catalog.Table;
import io.ember.api.catalog.TableIdentifier;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The session's temporary views, as Spark's {@code spark.catalog}, the global temporary views it shares with
 * the other sessions of its runtime (database {@code global_temp}: {@code global_temp.name} names one; a plain name
 * never finds one), and the persistent tables and views of the session's warehouse ({@link #persistent()};
 * {@code db.name} names one of database {@code db}, a plain name one of the {@link #currentDatabase()}). A view holds the logical plan of the DataFrame it was
 * created from, so a query over it re-reads its sources; a table is read from its files each time it is named. A
 * temporary view hides a table of the same name, as in Spark. Names are case-insensitive and listed in lower case,
 * as Spark lists them. Thread-safe.
 */
public final class Catalog {
  private final Map<String, LogicalPlan> views = new TreeMap<>();
  /** The database of unqualified table names ({@code USE db}); each session has its own, as in Spark. */
  private volatile String currentDatabase = SessionCatalog.DEFAULT_DATABASE;
  private final GlobalTempViews global;
  /** The session whose cache {@link #cacheTable} uses; null for a catalog that only resolves names. */
  private final Session session;

  /** The session option naming the warehouse directory, as Spark's. */
  public static final String WAREHOUSE_DIR = "spark.sql.warehouse.dir";

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

  /**
   * The names of the tables and views of the current database, then of the temporary views, each sorted (Spark's
   * order).
   */
  public List<String> listTables() {
    List<String> out = new ArrayList<>();
    if (session != null) {
      persistent().listTables(currentDatabase).forEach(t -> out.add(t.id().table()));
    }
    out.addAll(viewNames());
    return out;
  }

  private synchronized List<String> viewNames() {
    return new ArrayList<>(views.keySet());
  }

  /**
   * The persistent tables of the session's warehouse: {@link #WAREHOUSE_DIR}, by default {@code spark-warehouse} in
   * the working directory, as in Spark.
   */
  public SessionCatalog persistent() {
    String dir = session == null ? SessionCatalog.DEFAULT_WAREHOUSE
        : session.sessionConf().getRaw(WAREHOUSE_DIR).orElse(SessionCatalog.DEFAULT_WAREHOUSE);
    return new SessionCatalog(io.ember.connectors.file.FileLister.toPath(dir));
  }

  /**
   * The tables and views of database {@code dbName} (null: the current one) as Spark's {@code listTables} describes
   * them: the database's tables, then the temporary views (for {@code global_temp}: its global temporary views
   * first), each sorted.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND} for a database that does not exist
   */
  public List<Table> listTablesDetailed(String dbName) {
    List<Table> out = new ArrayList<>();
    if (dbName != null && isGlobal(dbName)) {
      global.names().forEach(n -> out.add(Table.view(n, GlobalTempViews.DATABASE)));
    } else {
      persistent().listTables(dbName == null ? currentDatabase : dbName).forEach(t -> out.add(Table.of(t)));
    }
    viewNames().forEach(n -> out.add(Table.view(n, null)));
    return out;
  }

  /**
   * The table or view {@code name} as {@link #listTablesDetailed} describes it (a temporary view first, as name
   * resolution takes it).
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}
   */
  public Table getTable(String name) {
    String globalName = globalName(name);
    if (globalName != null) {
      lookup(name);
      return Table.view(globalName.toLowerCase(Locale.ROOT), GlobalTempViews.DATABASE);
    }
    synchronized (this) {
      if (views.containsKey(key(name))) {
        return Table.view(key(name), null);
      }
    }
    return Table.of(tableMetadata(name));
  }

  /** The databases of the warehouse, sorted ({@code default} always among them). */
  public List<String> listDatabases() {
    return persistent().listDatabases();
  }

  /** Whether database {@code dbName} exists. */
  public boolean databaseExists(String dbName) {
    return persistent().databaseExists(dbName);
  }

  /** The database of unqualified table names: {@code default} until {@link #setCurrentDatabase} or {@code USE}. */
  public String currentDatabase() {
    return currentDatabase;
  }

  /**
   * Makes {@code dbName} the database of unqualified table names for this session, as Spark's
   * {@code setCurrentDatabase} and {@code USE dbName}.
   *
   * @throws AnalysisException {@code SCHEMA_NOT_FOUND}; {@code _LEGACY_ERROR_TEMP_1068} for {@code global_temp}
   */
  public void setCurrentDatabase(String dbName) {
    if (isGlobal(dbName)) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1068", GlobalTempViews.DATABASE + " is a system preserved"
          + " database, you cannot use it as current database. To access global temporary views you should use"
          + " qualified name with the GLOBAL_TEMP_DATABASE, e.g. SELECT * FROM " + GlobalTempViews.DATABASE
          + ".viewName.");
    }
    persistent().requireDatabase(dbName);
    currentDatabase = dbName.toLowerCase(Locale.ROOT);
  }

  /** The catalog identifier of table name {@code name}: {@code db.t}, or {@code t} in the current database. */
  public TableIdentifier identifier(String name) {
    return TableIdentifier.parse(name, currentDatabase);
  }

  /**
   * Creates the external table {@code tableName} over the files at {@code path} in format {@code source} (null: the
   * session's {@code spark.sql.sources.default}), its schema read from the files, as Spark's
   * {@code createTable(tableName, path, source)}; returns the table as a DataFrame.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}; the reader's errors for the files
   */
  public DataFrame createTable(String tableName, String path, String source) {
    return createTable(tableName, source, null, Map.of("path", path));
  }

  /**
   * Creates table {@code tableName} in format {@code source} (null: {@code spark.sql.sources.default}) with
   * {@code schema} (null: read from the files at the {@code path} option) and {@code options}, as Spark's
   * {@code createTable(tableName, source, schema, options)}: external at the {@code path} option when given, else
   * managed (an empty table in the warehouse). Returns the table as a DataFrame.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}, {@code LOCATION_ALREADY_EXISTS}
   */
  public DataFrame createTable(String tableName, String source, io.ember.core.types.StructType schema,
      Map<String, String> options) {
    PersistentTables.create(session, tableName, source, schema, List.of(), options, null, false);
    return session.table(tableName);
  }

  /**
   * Creates table {@code tableName} as {@link #createTable(String, String, io.ember.core.types.StructType, Map)},
   * partitioned by {@code partitionColumns} (moved to the end of the schema, as Spark orders them).
   *
   * @return the new table's metadata, or the existing table's when {@code ifNotExists} and it exists
   * @throws AnalysisException {@code TABLE_OR_VIEW_ALREADY_EXISTS}, {@code LOCATION_ALREADY_EXISTS},
   *     {@code COLUMN_NOT_DEFINED_IN_TABLE} for an unknown partition column
   */
  public CatalogTable createTable(String tableName, String source, io.ember.core.types.StructType schema,
      List<String> partitionColumns, Map<String, String> options, boolean ifNotExists) {
    return PersistentTables.create(session, tableName, source, schema, partitionColumns, options, null, ifNotExists);
  }

  /**
   * The metadata of the persistent table or view {@code name} ({@code name} or {@code db.name}; temporary views
   * are not looked at): its format, schema, partition columns, options and location, or a view's query.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}, suggesting the closest name
   */
  public CatalogTable tableMetadata(String name) {
    TableIdentifier id = identifier(name);
    return persistent().getTable(id).orElseThrow(() -> notFound(name));
  }

  /** Spark's {@code TABLE_OR_VIEW_NOT_FOUND} for {@code name}, suggesting the closest view or table. */
  AnalysisException notFound(String name) {
    List<String> names = new ArrayList<>(viewNames());
    List<String> tables = new ArrayList<>();
    if (session != null) {
      try {
        TableIdentifier id = identifier(name);
        String db = persistent().databaseExists(id.database()) ? id.database() : currentDatabase;
        persistent().listTables(db).forEach(t -> tables.add(TableIdentifier.isQualified(name) ? t.id().unquoted()
            : t.id().table()));
      } catch (AnalysisException unreadable) {
        // the name itself is malformed: no suggestion
      }
    }
    names.addAll(tables);
    String closest = Suggestions.closest(name, names);
    return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", "The table or view `" + name + "` cannot be found."
        + (closest != null ? " Did you mean `" + closest + "`?" : "")
        + " Verify the spelling and correctness of the schema and catalog; tables: " + Suggestions.quoted(tables)
        + ", temporary views: " + Suggestions.quoted(viewNames()) + ".");
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
    } else {
      persistent().listTables(dbName).forEach(t -> out.add(t.id().table()));
    }
    out.addAll(viewNames());
    return out;
  }

  /**
   * Whether {@code name} is a temporary view, ({@code global_temp.name}) a global temporary view, or a persistent
   * table ({@code name} or {@code db.name}).
   */
  public boolean tableExists(String name) {
    String globalName = globalName(name);
    if (globalName != null) {
      return global.get(globalName) != null;
    }
    synchronized (this) {
      if (views.containsKey(key(name))) {
        return true;
      }
    }
    return session != null && persistent().tableExists(identifier(name));
  }

  /** Whether table {@code tableName} exists in database {@code dbName} (a global temporary view for global_temp). */
  public boolean tableExists(String dbName, String tableName) {
    if (isGlobal(dbName)) {
      return global.get(tableName) != null;
    }
    return session != null && persistent().tableExists(new TableIdentifier(dbName, tableName));
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
  LogicalPlan lookup(String name) {
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
    LogicalPlan plan;
    synchronized (this) {
      plan = views.get(key(name));
    }
    if (plan == null) {
      if (session == null) {
        throw notFound(name);
      }
      return PersistentTables.readTableOrView(session, tableMetadata(name));
    }
    return plan;
  }

  /**
   * The plan of the persistent table or view {@code name}, an unqualified name taken in {@code database}: how a
   * persistent view's query resolves its names (never to temporary views, as in Spark).
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND}
   */
  LogicalPlan lookupPersistent(String name, String database) {
    TableIdentifier id = TableIdentifier.parse(name, database);
    CatalogTable t = persistent().getTable(id).orElseThrow(() -> SessionCatalog.notFound(id));
    return PersistentTables.readTableOrView(session, t);
  }

  /** Whether {@code name} names a temporary view of this session or a global temporary view. */
  boolean isTemporaryView(String name) {
    String globalName = globalName(name);
    if (globalName != null) {
      return global.get(globalName) != null;
    }
    synchronized (this) {
      return views.containsKey(key(name));
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
