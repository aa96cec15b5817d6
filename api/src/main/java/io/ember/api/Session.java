package io.ember.api;

import io.ember.api.conf.SessionConf;
import io.ember.api.internal.ExternalRows;
import io.ember.api.internal.Runtimes;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.JobRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The entry point, as Spark's {@code SparkSession}: holds the configuration and the runtime that runs jobs,
 * and makes DataFrames ({@link #read()}, {@link #createDataFrame}, {@link #range}). One session is active per
 * JVM: {@link Builder#getOrCreate()} returns it while it runs. {@link #stop()} (or {@link #close()}) stops
 * its runtime; the session cannot run jobs afterwards. Thread-safe.
 */
public final class Session implements AutoCloseable {
  private static final AtomicReference<Session> ACTIVE = new AtomicReference<>();

  private final String master;
  private final String appName;
  private final SessionConf conf;
  private final JobRunner runner;
  private final RuntimeConfig runtimeConfig;
  private final GlobalTempViews globalViews;
  private final Map<String, String> options;
  private final Catalog catalog;
  private final io.ember.api.streaming.StreamingQueryManager streams;
  private final io.ember.api.execution.CacheManager cacheManager;
  private final io.ember.api.udf.SessionFunctions functions = new io.ember.api.udf.SessionFunctions();
  private final io.ember.api.udf.UDFRegistration udf = new io.ember.api.udf.UDFRegistration(functions);
  /** Set once by whichever session sharing the runtime stops it first (this one or one of {@link #newSession()}). */
  private final java.util.concurrent.atomic.AtomicBoolean runtimeStopped;
  private volatile boolean stopped;

  private Session(String master, String appName, SessionConf conf, JobRunner runner, GlobalTempViews globalViews,
      Map<String, String> options, java.util.concurrent.atomic.AtomicBoolean runtimeStopped) {
    this.master = master;
    this.runtimeStopped = runtimeStopped;
    this.appName = appName;
    this.conf = conf;
    this.runner = runner;
    this.globalViews = globalViews;
    this.options = Map.copyOf(options);
    this.catalog = new Catalog(globalViews, this);
    this.runtimeConfig = new RuntimeConfig(conf, runner.defaultParallelism());
    this.streams = new io.ember.api.streaming.StreamingQueryManager(this, conf, this::runner);
    this.cacheManager = new io.ember.api.execution.CacheManager(
        () -> conf.get(io.ember.api.conf.SessionConf.CACHE_MAX_BYTES));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new session on this session's runtime, as Spark's {@code newSession()}: its own configuration (from the
   * options this session was built with), temporary views and streaming queries; the same runtime and global
   * temporary views. It does not become the active session; stopping either stops the shared runtime, and then
   * both are stopped (as stopping any session stops Spark's shared context), so that
   * {@link Builder#getOrCreate()} starts a new one.
   */
  public Session newSession() {
    SessionConf fresh = new SessionConf();
    options.forEach(fresh::set);
    return new Session(master, appName, fresh, runner(), globalViews, options, runtimeStopped);
  }

  /** The running session, if any. */
  public static Optional<Session> getActiveSession() {
    return Optional.ofNullable(ACTIVE.get());
  }

  /**
   * The running session.
   *
   * @throws EmberRuntimeException {@code NO_ACTIVE_SESSION} when none runs
   */
  public static Session active() {
    return getActiveSession().orElseThrow(() -> new EmberRuntimeException(
        "NO_ACTIVE_SESSION", "No active Ember session found; create one with Session.builder().getOrCreate()."));
  }

  /** The session's configuration, as Spark's {@code spark.conf()}. */
  public RuntimeConfig conf() {
    return runtimeConfig;
  }

  /** Reads files into DataFrames. */
  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  /** Makes streaming DataFrames: rate, socket and file-directory sources, as Spark's {@code spark.readStream()}. */
  public io.ember.api.streaming.DataStreamReader readStream() {
    return new io.ember.api.streaming.DataStreamReader(this);
  }

  /** The session's streaming queries and their listeners, as Spark's {@code spark.streams()}. */
  public io.ember.api.streaming.StreamingQueryManager streams() {
    return streams;
  }

  /**
   * A DataFrame of {@code rows}, whose values must be the Java types of {@code schema}'s fields (Integer for
   * int, Long for bigint, Double, String, Boolean, BigDecimal, LocalDate, Instant, List for arrays, Row for
   * structs).
   *
   * @throws EmberIllegalArgumentException {@code INVALID_EXTERNAL_TYPE} naming the first value that does not fit
   */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    List<Row> converted = ExternalRows.convert(rows, schema);
    int batchSize = conf.batchSize();
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < converted.size(); from += batchSize) {
      batches.add(Batch.fromRows(schema, converted.subList(from, Math.min(converted.size(), from + batchSize))));
    }
    return dataFrame(new LogicalPlan.LocalRelation(PlanIds.next(), schema, batches));
  }

  /** {@code id} from 0 to {@code end - 1}. */
  public DataFrame range(long end) {
    return range(0, end);
  }

  public DataFrame range(long start, long end) {
    return range(start, end, 1);
  }

  public DataFrame range(long start, long end, long step) {
    return range(start, end, step, 0);
  }

  /**
   * One bigint column {@code id}: {@code start, start + step, ...} up to but excluding {@code end}, in
   * {@code numPartitions} partitions (0 = the session's parallelism).
   *
   * @throws EmberIllegalArgumentException for a step of 0 or a negative partition count
   */
  public DataFrame range(long start, long end, long step, int numPartitions) {
    if (step == 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE.RANGE_STEP", "The step of range must not be 0.");
    }
    if (numPartitions < 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE.RANGE_PARTITIONS",
          "The number of partitions of range must be positive (or 0 for the default), got " + numPartitions + ".");
    }
    return dataFrame(new LogicalPlan.Range(PlanIds.next(), start, end, step, numPartitions));
  }

  /** A DataFrame with no columns and no rows. */
  public DataFrame emptyDataFrame() {
    return dataFrame(new LogicalPlan.LocalRelation(PlanIds.next(), new StructType(List.of()), List.of()));
  }

  /** A DataFrame of an already built logical plan (analyzed now). */
  public DataFrame dataFrame(LogicalPlan plan) {
    return new DataFrame(this, plan);
  }

  /** The session's temporary views and the runtime's global temporary views. */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * The temporary view {@code name} (or the global temporary view {@code global_temp.name}), else the persistent
   * table {@code name} or {@code db.name} of the session's warehouse (see {@link Catalog}), as a DataFrame.
   *
   * @throws io.ember.core.errors.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is none
   */
  public DataFrame table(String name) {
    return dataFrame(catalog.lookup(name));
  }

  /**
   * The result of the SQL query {@code sqlText} over the session's temporary views. {@code EXPLAIN [EXTENDED]
   * query} gives one row with one string column {@code plan}: the text {@code explain(extended)} prints; the cache
   * statements {@code CACHE [LAZY] TABLE}, {@code UNCACHE TABLE} and {@code CLEAR CACHE} run at once (see
   * {@link CacheStatements}) and give an empty DataFrame; so do the table statements ({@code CREATE TABLE [AS]},
   * {@code INSERT INTO|OVERWRITE}, {@code DROP TABLE|VIEW}, {@code CREATE|DROP DATABASE}, {@code USE},
   * {@code CREATE VIEW}, {@code ALTER TABLE}, {@code TRUNCATE TABLE}), while {@code SHOW ...} and
   * {@code DESCRIBE TABLE} give their rows (see {@link TableStatements}).
   *
   * @throws io.ember.api.sql.ParseException {@code PARSE_SYNTAX_ERROR} with the line and position of the error
   * @throws io.ember.core.errors.AnalysisException for unknown tables or columns and SQL not supported yet
   */
  public DataFrame sql(String sqlText) {
    io.ember.api.sql.SqlCacheStatement cache = io.ember.api.sql.SqlCacheStatement.parse(sqlText);
    if (cache != null) {
      return CacheStatements.run(this, cache);
    }
    io.ember.api.sql.SqlTableStatement tableStatement = io.ember.api.sql.SqlTableStatement.parse(sqlText);
    if (tableStatement != null) {
      return TableStatements.run(this, tableStatement);
    }
    io.ember.api.sql.SqlExplain explain = io.ember.api.sql.SqlExplain.parse(sqlText);
    if (explain != null) {
      String text = dataFrame(sqlTranslator().query(explain.query())).queryExecution().explain(explain.extended());
      return createDataFrame(List.of(Row.of(text)),
          DataTypes.struct(DataTypes.field("plan", DataTypes.STRING)));
    }
    return dataFrame(sqlTranslator().query(sqlText));
  }

  io.ember.api.sql.SqlTranslator sqlTranslator() {
    return sqlTranslator(catalog::lookup);
  }

  /** A translator of this session resolving table names with {@code lookup} (a persistent view's, say). */
  io.ember.api.sql.SqlTranslator sqlTranslator(java.util.function.Function<String, LogicalPlan> lookup) {
    return new io.ember.api.sql.SqlTranslator(new io.ember.api.sql.SqlContext() {
      @Override
      public LogicalPlan lookupTable(String name) {
        return lookup.apply(name);
      }

      @Override
      public List<String> columnNames(LogicalPlan plan) {
        return List.of(dataFrame(plan).columns());
      }

      @Override
      public LogicalPlan setOperation(LogicalPlan left, LogicalPlan right, boolean intersect, boolean all) {
        return SetOperations.plan(dataFrame(left), dataFrame(right), intersect, all);
      }

      @Override
      public java.time.ZoneId timeZone() {
        return conf.sessionTimeZone();
      }
    });
  }

  /** The translator of the active session, or one reading TIMESTAMP literals in UTC and knowing no views. */
  static io.ember.api.sql.SqlTranslator expressionTranslator() {
    Session active = ACTIVE.get();
    if (active != null) {
      return active.sqlTranslator();
    }
    return new io.ember.api.sql.SqlTranslator(new io.ember.api.sql.SqlContext() {
      @Override
      public LogicalPlan lookupTable(String name) {
        return new Catalog().lookup(name);
      }

      @Override
      public List<String> columnNames(LogicalPlan plan) {
        return List.of();
      }

      @Override
      public LogicalPlan setOperation(LogicalPlan left, LogicalPlan right, boolean intersect, boolean all) {
        throw new io.ember.core.errors.AnalysisException("UNSUPPORTED_FEATURE.SQL",
            "INTERSECT and EXCEPT in an expression need an active session.");
      }

      @Override
      public java.time.ZoneId timeZone() {
        return java.time.ZoneOffset.UTC;
      }
    });
  }

  /** Ember's version. */
  public String version() {
    return Version.get();
  }

  /** The master this session was started with, e.g. {@code local[4]}. */
  public String master() {
    return master;
  }

  public String appName() {
    return appName;
  }

  /** The number of tasks a stage runs by default (N of {@code local[N]}). */
  public int defaultParallelism() {
    return runner.defaultParallelism();
  }

  /** Stops the session's streaming queries and the runtime, and clears the active session. Idempotent. */
  public void stop() {
    synchronized (Session.class) {
      if (stopped) {
        return;
      }
      stopped = true;
      ACTIVE.compareAndSet(this, null);
    }
    streams.close();
    if (runtimeStopped.compareAndSet(false, true)) {
      runner.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Whether this session, or another session sharing its runtime, was stopped. */
  public boolean isStopped() {
    return stopped || runtimeStopped.get();
  }

  SessionConf sessionConf() {
    return conf;
  }

  /** The session's cached (persisted) queries. */
  io.ember.api.execution.CacheManager cacheManager() {
    return cacheManager;
  }

  /**
   * Registers user-defined functions by name for this session's SQL, {@code expr}, {@code selectExpr} and
   * {@code functions.call_udf}, as Spark's {@code spark.udf()}; see {@link io.ember.api.udf.UDFRegistration}.
   */
  public io.ember.api.udf.UDFRegistration udf() {
    return udf;
  }

  /** The functions this session registered (a new session starts with none). */
  io.ember.api.udf.SessionFunctions functions() {
    return functions;
  }

  /**
   * The runner jobs run on.
   *
   * @throws EmberRuntimeException {@code SESSION_STOPPED} after {@link #stop()}
   */
  JobRunner runner() {
    if (isStopped()) {
      throw new EmberRuntimeException(
          "SESSION_STOPPED", "Cannot run a job on a stopped session (" + appName + "); create a new one with"
              + " Session.builder().getOrCreate().");
    }
    return runner;
  }

  @Override
  public String toString() {
    return "Session(" + master + ", " + appName + (isStopped() ? ", stopped" : "") + ")";
  }

  /** Configures and gets the session, as Spark's {@code SparkSession.Builder}. */
  public static final class Builder {
    private static final String MASTER_KEY = "spark.master";
    private static final String APP_NAME_KEY = "spark.app.name";

    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder() {}

    /**
     * {@code local}, {@code local[N]} or {@code local[*]} (the default: one task slot per core), or
     * {@code ember://host:port} to run on the Ember cluster of the node at {@code host:port} (see
     * {@link Runtimes} for its secret and options).
     */
    public Builder master(String master) {
      return config(MASTER_KEY, master);
    }

    public Builder appName(String name) {
      return config(APP_NAME_KEY, name);
    }

    public Builder config(String key, String value) {
      options.put(key, value);
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, Long.toString(value));
    }

    public Builder config(String key, double value) {
      return config(key, Double.toString(value));
    }

    public Builder config(String key, boolean value) {
      return config(key, Boolean.toString(value));
    }

    /**
     * This builder's options over the defaults a launcher gives as JVM system properties, as Spark's
     * {@code SparkConf} loads them ({@code bin/ember run --conf k=v} and {@code --master} pass {@code -Dk=v}): every
     * {@code spark.*} property and every property named as one of {@link SessionConf#ALL}'s options
     * ({@code ember.streaming.checkpointInterval}, ...). An option set on the builder wins over the property.
     */
    static Map<String, String> withSystemDefaults(Map<String, String> options, java.util.Properties properties) {
      Map<String, String> merged = new LinkedHashMap<>();
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("spark.") || SessionConf.ALL.stream().anyMatch(o -> o.key().equals(key))) {
          merged.put(key, properties.getProperty(key));
        }
      }
      merged.putAll(options);
      return merged;
    }

    /**
     * The active session with this builder's options applied, or a new session started with them (over the
     * defaults of {@link #withSystemDefaults}).
     *
     * @throws EmberIllegalArgumentException {@code INVALID_MASTER_URL} for a bad master, {@code INVALID_CONF_VALUE}
     *     for a bad option value (nothing is started then), {@code CLUSTER_SECRET_MISMATCH} or
     *     {@code MISSING_CLUSTER_SECRET} for a cluster master without the cluster's secret
     * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node of a cluster master lets the session
     *     join in time
     */
    public Session getOrCreate() {
      synchronized (Session.class) {
        Session existing = ACTIVE.get();
        if (existing != null && !existing.isStopped()) {
          options.forEach(existing.conf::set);
          return existing;
        }
        Map<String, String> options = withSystemDefaults(this.options, System.getProperties());
        String master = options.getOrDefault(MASTER_KEY, "local[*]");
        SessionConf conf = new SessionConf();
        options.forEach(conf::set);
        String appName = options.getOrDefault(APP_NAME_KEY, "ember");
        Session session = new Session(master, appName, conf, Runtimes.start(master, options, System.getenv()),
            new GlobalTempViews(), options, new java.util.concurrent.atomic.AtomicBoolean());
        ACTIVE.set(session);
        return session;
      }
    }
  }
}
