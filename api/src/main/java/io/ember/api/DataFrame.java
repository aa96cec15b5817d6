package io.ember.api;

import io.ember.api.execution.QueryExecution;
import io.ember.api.internal.IntervalStrings;
import io.ember.api.internal.JoinTypes;
import io.ember.api.internal.ShowFormatter;
import io.ember.api.logical.GroupingSetLists;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A distributed table of rows with a schema, as Spark's {@code Dataset<Row>}. Immutable: each transformation
 * returns a new DataFrame over a new {@link LogicalPlan}. Building one analyzes its plan at once, so an unknown
 * column or a type error fails at the call that introduced it ({@link AnalysisException}); actions
 * ({@link #collectAsList()}, {@link #count()}, {@link #show()}, {@link #write()}) run a job on the session's runtime.
 */
public final class DataFrame {
  private static final int DEFAULT_SHOW_ROWS = 20;
  private static final int DEFAULT_TRUNCATE = 20;

  private final Session session;
  private final LogicalPlan plan;
  private final QueryExecution execution;

  DataFrame(Session session, LogicalPlan plan) {
    this.session = session;
    this.plan = plan;
    this.execution = new QueryExecution(session.sessionConf(), session.runner(), plan, session.cacheManager(),
        session.functions());
  }

  private DataFrame with(LogicalPlan newPlan) {
    return new DataFrame(session, newPlan);
  }

  public Session session() {
    return session;
  }

  public Session sparkSession() {
    return session;
  }

  /** The unanalyzed plan this DataFrame was built from. */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  public QueryExecution queryExecution() {
    return execution;
  }

  // ---- schema ----

  public StructType schema() {
    return execution.schema();
  }

  public String[] columns() {
    return schema().fieldNames().toArray(new String[0]);
  }

  /** Each column's name and type as Spark's {@code simpleString}: {@code ("a", "int")}, {@code ("b", "array<string>")}. */
  public List<Map.Entry<String, String>> dtypes() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (StructField f : schema().fields()) {
      out.add(Map.entry(f.name(), f.dataType().simpleString()));
    }
    return out;
  }

  /** Prints the schema as a tree. */
  public void printSchema() {
    System.out.println(schema().treeString());
  }

  // ---- projections ----

  /** The column {@code name} of this DataFrame; it refers to this DataFrame's column even after a join. */
  public Column col(String name) {
    if (name.equals("*") || name.endsWith(".*")) {
      return new Column(Column.nameExpr(name, plan.planId()));
    }
    if (name.indexOf('.') < 0 && name.indexOf('`') < 0 && indexOf(name) < 0) {
      throw AnalysisException.unresolvedColumn(name, schema().fieldNames());
    }
    return new Column(new LogicalExpr.UnresolvedColumn(name, plan.planId()));
  }

  public Column apply(String name) {
    return col(name);
  }

  public DataFrame select(Column... cols) {
    return with(new LogicalPlan.Project(PlanIds.next(), exprs(cols), plan));
  }

  public DataFrame select(String... cols) {
    return select(nameColumns(cols));
  }

  /** The rows for which {@code condition} is true (not false or null). */
  public DataFrame filter(Column condition) {
    return with(new LogicalPlan.Filter(PlanIds.next(), condition.expr(), plan));
  }

  public DataFrame where(Column condition) {
    return filter(condition);
  }

  /** Keeps rows where the SQL condition {@code conditionExpr} ({@code "age > 21 AND name IS NOT NULL"}) is true. */
  public DataFrame filter(String conditionExpr) {
    return filter(new Column(session.sqlTranslator().expression(conditionExpr)));
  }

  public DataFrame where(String conditionExpr) {
    return filter(conditionExpr);
  }

  /** {@code select} of SQL expressions ({@code "a + 1 AS b"}, {@code "upper(name)"}). */
  public DataFrame selectExpr(String... exprs) {
    Column[] cols = new Column[exprs.length];
    for (int i = 0; i < exprs.length; i++) {
      cols[i] = new Column(session.sqlTranslator().expression(exprs[i]));
    }
    return select(cols);
  }

  /** Registers this DataFrame's plan as the temporary view {@code viewName}, replacing one of that name. */
  public void createOrReplaceTempView(String viewName) {
    session.catalog().register(viewName, plan, true);
  }

  /**
   * Registers this DataFrame's plan as the temporary view {@code viewName}.
   *
   * @throws AnalysisException {@code TEMP_TABLE_OR_VIEW_ALREADY_EXISTS} when the name is taken
   */
  public void createTempView(String viewName) {
    session.catalog().register(viewName, plan, false);
  }

  /**
   * Registers this DataFrame's plan as the global temporary view {@code global_temp.viewName}, which every session
   * of the runtime sees, replacing one of that name.
   */
  public void createOrReplaceGlobalTempView(String viewName) {
    session.catalog().registerGlobal(viewName, plan, true);
  }

  /**
   * Registers this DataFrame's plan as the global temporary view {@code global_temp.viewName}, which every session
   * of the runtime sees (a plain {@code viewName} does not name it).
   *
   * @throws AnalysisException {@code TEMP_TABLE_OR_VIEW_ALREADY_EXISTS} when the name is taken
   */
  public void createGlobalTempView(String viewName) {
    session.catalog().registerGlobal(viewName, plan, false);
  }

  /** Adds column {@code name}, or replaces the column of that name in place. */
  public DataFrame withColumn(String name, Column col) {
    Map<String, Column> one = new LinkedHashMap<>();
    one.put(name, col);
    return withColumns(one);
  }

  /**
   * Adds or replaces several columns at once, in the map's order.
   *
   * @throws AnalysisException {@code COLUMN_ALREADY_EXISTS} when the map names a column twice
   */
  public DataFrame withColumns(Map<String, Column> colsMap) {
    return project(new ColumnProjections(this).withColumns(colsMap));
  }

  /** Renames column {@code existingName}; does nothing when there is no such column. */
  public DataFrame withColumnRenamed(String existingName, String newName) {
    return project(new ColumnProjections(this).renamed(existingName, newName));
  }

  /**
   * The same rows with the columns renamed, in order.
   *
   * @throws EmberIllegalArgumentException when the number of names differs from the number of columns
   */
  public DataFrame toDF(String... colNames) {
    return project(new ColumnProjections(this).renamedAll(colNames));
  }

  /** Drops the named columns; names that do not exist are ignored, as in Spark. */
  public DataFrame drop(String... colNames) {
    return project(new ColumnProjections(this).dropped(colNames));
  }

  /** This DataFrame's output replaced by {@code projections}; this DataFrame itself when they are null. */
  private DataFrame project(List<LogicalExpr> projections) {
    return projections == null ? this : with(new LogicalPlan.Project(PlanIds.next(), projections, plan));
  }

  /** Drops a column given as {@code col(name)} or {@code df.col(name)}; other expressions change nothing. */
  public DataFrame drop(Column col) {
    return col.expr() instanceof LogicalExpr.UnresolvedColumn c ? drop(c.prettyName()) : this;
  }

  // ---- aggregation ----

  public GroupedData groupBy(Column... cols) {
    return new GroupedData(this, exprs(cols));
  }

  public GroupedData groupBy(String... cols) {
    return groupBy(nameColumns(cols));
  }

  /**
   * Spark's {@code rollup}: aggregates over the grouping sets {@code (c1..cn), (c1..cn-1), ..., ()}, subtotals down
   * to a grand total, in one result where a column aggregated away is null ({@link functions#grouping} tells such
   * a null from one in the data). Planned as an Expand of each row per set before one hash aggregate.
   */
  public GroupedData rollup(Column... cols) {
    return new GroupedData(this, new GroupingSetLists().rollup(exprs(cols)));
  }

  public GroupedData rollup(String... cols) {
    return rollup(nameColumns(cols));
  }

  /** Spark's {@code cube}: as {@link #rollup}, over every subset of {@code cols}. */
  public GroupedData cube(Column... cols) {
    return new GroupedData(this, new GroupingSetLists().cube(exprs(cols)));
  }

  public GroupedData cube(String... cols) {
    return cube(nameColumns(cols));
  }

  /** Aggregates over all rows: one output row. */
  public DataFrame agg(Column expr, Column... exprs) {
    return groupBy(new Column[0]).agg(expr, exprs);
  }

  /** {@code agg(Map.of("price", "avg"))} as Spark's map form. */
  public DataFrame agg(Map<String, String> exprs) {
    return groupBy(new Column[0]).agg(exprs);
  }

  // ---- ordering, limits, duplicates ----

  /** Sorted by {@code sortExprs}; a plain column sorts ascending with nulls first. */
  public DataFrame orderBy(Column... sortExprs) {
    List<LogicalExpr.SortOrder> order = new ArrayList<>();
    for (Column c : sortExprs) {
      order.add(c.expr() instanceof LogicalExpr.SortOrder s ? s : (LogicalExpr.SortOrder) c.asc().expr());
    }
    return with(new LogicalPlan.Sort(PlanIds.next(), order, plan));
  }

  public DataFrame orderBy(String... sortCols) {
    return orderBy(nameColumns(sortCols));
  }

  public DataFrame sort(Column... sortExprs) {
    return orderBy(sortExprs);
  }

  public DataFrame sort(String... sortCols) {
    return orderBy(sortCols);
  }

  /**
   * The first {@code n} rows.
   *
   * @throws AnalysisException {@code INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE} for a negative {@code n}
   */
  public DataFrame limit(int n) {
    checkNonNegative("limit", n);
    if (plan instanceof LogicalPlan.Limit l && l.limit() == Integer.MAX_VALUE && l.offset() > 0) {
      return with(new LogicalPlan.Limit(PlanIds.next(), n, l.offset(), l.child()));
    }
    return with(new LogicalPlan.Limit(PlanIds.next(), n, 0, plan));
  }

  /** All rows but the first {@code n}. */
  public DataFrame offset(int n) {
    checkNonNegative("offset", n);
    return with(new LogicalPlan.Limit(PlanIds.next(), Integer.MAX_VALUE, n, plan));
  }

  private static void checkNonNegative(String what, int n) {
    if (n < 0) {
      throw new AnalysisException(
          "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "The " + what + " like expression \"" + n + "\" is invalid. The "
              + what + " expression must be equal to or greater than 0, but got " + n + ".");
    }
  }

  /** The distinct rows; on a stream an aggregation over all columns (Spark's {@code Distinct}). */
  public DataFrame distinct() {
    return with(new LogicalPlan.Deduplicate(PlanIds.next(), List.of(), plan, true));
  }

  public DataFrame dropDuplicates() {
    return with(new LogicalPlan.Deduplicate(PlanIds.next(), List.of(), plan));
  }

  /**
   * Keeps one row per distinct combination of the named columns (all columns are kept).
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} for an unknown name
   */
  public DataFrame dropDuplicates(String... colNames) {
    List<String> keys = new ArrayList<>();
    for (String name : colNames) {
      int i = indexOf(name);
      if (i < 0) {
        throw AnalysisException.unresolvedColumn(name, schema().fieldNames());
      }
      keys.add(schema().field(i).name());
    }
    return with(new LogicalPlan.Deduplicate(PlanIds.next(), keys, plan));
  }

  /**
   * Drops rows that duplicate an earlier row on {@code colNames} (all columns when none are named) while
   * the earlier row's event time is within the watermark delay; the state of a row is evicted once the
   * watermark passes its event time plus the delay. Streams with a watermark only (checked when the query
   * starts; a batch action on it fails).
   *
   * @throws AnalysisException {@code UNRESOLVED_COLUMN} for an unknown name
   */
  public DataFrame dropDuplicatesWithinWatermark(String... colNames) {
    List<String> keys = new ArrayList<>();
    for (String name : colNames) {
      int i = indexOf(name);
      if (i < 0) {
        throw AnalysisException.unresolvedColumn(name, schema().fieldNames());
      }
      keys.add(schema().field(i).name());
    }
    return with(new LogicalPlan.DeduplicateWithinWatermark(PlanIds.next(), keys, plan));
  }

  // ---- event time ----

  /**
   * Defines the event-time watermark of a stream: column {@code eventTime} (a timestamp) carries each row's
   * event time, and rows more than {@code delayThreshold} (an interval string such as {@code "10 minutes"})
   * behind the largest event time seen in earlier epochs are late: stateful operators drop them and
   * finalize (append mode) and evict state older than the watermark. A no-op on a batch DataFrame, as Spark.
   *
   * @throws AnalysisException {@code CANNOT_PARSE_INTERVAL} for a malformed delay; on a stream,
   *     {@code UNRESOLVED_COLUMN} or {@code EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE} for a bad column
   * @throws EmberIllegalArgumentException for a negative delay
   */
  public DataFrame withWatermark(String eventTime, String delayThreshold) {
    long delay = IntervalStrings.parse(delayThreshold).durationMicros();
    if (delay < 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE", "requirement failed: delay threshold (" + delayThreshold + ") should not be negative.");
    }
    return with(new LogicalPlan.EventTimeWatermark(PlanIds.next(), eventTime, delayThreshold, delay, plan));
  }

  // ---- joins and set operations ----

  /** The cartesian product with {@code right} (an inner join without a condition). */
  public DataFrame join(DataFrame right) {
    return crossJoin(right);
  }

  /** Inner equi-join on a column both sides have; it appears once in the output. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  public DataFrame join(DataFrame right, List<String> usingColumns) {
    return join(right, usingColumns, "inner");
  }

  public DataFrame join(DataFrame right, String[] usingColumns) {
    return join(right, List.of(usingColumns), "inner");
  }

  public DataFrame join(DataFrame right, String[] usingColumns, String joinType) {
    return join(right, List.of(usingColumns), joinType);
  }

  /**
   * Joins on columns both sides have (output once, first), with a join type as Spark spells it.
   *
   * @throws EmberIllegalArgumentException {@code UNSUPPORTED_JOIN_TYPE} for an unknown {@code joinType}
   */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    String how = JoinTypes.normalize(joinType);
    return with(new LogicalPlan.Join(PlanIds.next(), plan, right.plan, how, null, usingColumns));
  }

  public DataFrame join(DataFrame right, Column joinExprs) {
    return join(right, joinExprs, "inner");
  }

  /**
   * Joins rows for which {@code joinExprs} is true; equalities become hash join keys, other conditions still
   * work. {@code joinType}: inner, cross, outer/full/fullouter/full_outer, left/leftouter/left_outer,
   * right/rightouter/right_outer, semi/leftsemi/left_semi, anti/leftanti/left_anti.
   *
   * @throws EmberIllegalArgumentException {@code UNSUPPORTED_JOIN_TYPE} for an unknown {@code joinType}
   */
  public DataFrame join(DataFrame right, Column joinExprs, String joinType) {
    String how = JoinTypes.normalize(joinType);
    return with(new LogicalPlan.Join(PlanIds.next(), plan, right.plan, how, joinExprs.expr(), List.of()));
  }

  public DataFrame crossJoin(DataFrame right) {
    return with(new LogicalPlan.Join(PlanIds.next(), plan, right.plan, "cross", null, List.of()));
  }

  /** The rows of both, matched by column position (duplicates kept, as SQL's UNION ALL). */
  public DataFrame union(DataFrame other) {
    return with(new LogicalPlan.Union(PlanIds.next(), List.of(plan, other.plan), false, false));
  }

  public DataFrame unionAll(DataFrame other) {
    return union(other);
  }

  /**
   * The distinct rows present in both (SQL's {@code INTERSECT}), matched by column position with NULL equal to
   * NULL; column names are this DataFrame's, types widened as in {@link #union}.
   */
  public DataFrame intersect(DataFrame other) {
    return SetOperations.intersect(this, other, false);
  }

  /** As {@link #intersect} keeping duplicates: a row appears min(count here, count in {@code other}) times. */
  public DataFrame intersectAll(DataFrame other) {
    return SetOperations.intersect(this, other, true);
  }

  /** The distinct rows of this DataFrame not in {@code other} (SQL's {@code EXCEPT}), NULL equal to NULL. */
  public DataFrame subtract(DataFrame other) {
    return SetOperations.except(this, other, false);
  }

  /** As {@link #subtract}: the Scala API's name for it. */
  public DataFrame except(DataFrame other) {
    return subtract(other);
  }

  /** As {@link #subtract} keeping duplicates: a row appears (count here - count in {@code other}) times. */
  public DataFrame exceptAll(DataFrame other) {
    return SetOperations.except(this, other, true);
  }

  /** The rows of both, matched by column name. */
  public DataFrame unionByName(DataFrame other) {
    return unionByName(other, false);
  }

  /** As {@link #unionByName(DataFrame)}; with {@code allowMissingColumns}, columns one side lacks are null. */
  public DataFrame unionByName(DataFrame other, boolean allowMissingColumns) {
    return with(new LogicalPlan.Union(PlanIds.next(), List.of(plan, other.plan), true, allowMissingColumns));
  }

  /** This DataFrame under a name, so that {@code col("name.column")} refers to its columns. */
  public DataFrame alias(String alias) {
    return with(new LogicalPlan.SubqueryAlias(PlanIds.next(), alias, plan));
  }

  public DataFrame as(String alias) {
    return alias(alias);
  }

  /** {@code numPartitions} partitions, rows dealt round-robin over an exchange (Spark's {@code RoundRobinPartitioning}). */
  public DataFrame repartition(int numPartitions) {
    return with(new LogicalPlan.Repartition(PlanIds.next(), positivePartitions(numPartitions), List.of(), true, plan));
  }

  /** {@code numPartitions} partitions, rows hashed on {@code partitionExprs}, so equal keys share a partition. */
  public DataFrame repartition(int numPartitions, Column... partitionExprs) {
    return with(new LogicalPlan.Repartition(PlanIds.next(), positivePartitions(numPartitions),
        Arrays.stream(partitionExprs).map(Column::expr).toList(), true, plan));
  }

  /** {@code spark.sql.shuffle.partitions} partitions, rows hashed on {@code partitionExprs}. */
  public DataFrame repartition(Column... partitionExprs) {
    if (partitionExprs.length == 0) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE",
          "requirement failed: At least one partition-by expression must be specified.");
    }
    return with(new LogicalPlan.Repartition(PlanIds.next(), 0,
        Arrays.stream(partitionExprs).map(Column::expr).toList(), true, plan));
  }

  /**
   * At most {@code numPartitions} partitions: unchanged when there are already that few; else merged into
   * {@code numPartitions} tasks (see the README for the exchange it uses: a gather or round-robin exchange).
   */
  public DataFrame coalesce(int numPartitions) {
    return with(new LogicalPlan.Repartition(PlanIds.next(), positivePartitions(numPartitions), List.of(), false, plan));
  }

  private static int positivePartitions(int n) {
    if (n <= 0) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE",
          "requirement failed: Number of partitions (" + n + ") must be positive.");
    }
    return n;
  }

  /**
   * Basic statistics ({@code count, mean, stddev, min, max}) of {@code cols} (all columns when none), as
   * Spark's {@code describe}: {@code summary("count", "mean", "stddev", "min", "max")} over those columns.
   */
  public DataFrame describe(String... cols) {
    DataFrame selected = cols.length == 0 ? this : select(cols);
    return StatSummary.summary(selected, StatSummary.DESCRIBE_STATISTICS);
  }

  /**
   * The given statistics (default {@code count, mean, stddev, min, 25%, 50%, 75%, max}) of the numeric and
   * string columns, one row per statistic, every value a string (strings that are not decimal numbers count as
   * null for mean, stddev and percentiles; percentiles are exact: the value at rank ceil(p * n); also
   * {@code count_distinct} and {@code approx_count_distinct}).
   */
  public DataFrame summary(String... statistics) {
    return StatSummary.summary(this, List.of(statistics));
  }

  /** Handling of missing values: {@code na().fill(0)}, {@code na().drop()}. */
  public DataFrameNaFunctions na() {
    return new DataFrameNaFunctions(this);
  }

  public DataFrameWriter write() {
    return new DataFrameWriter(this);
  }

  /**
   * True when this DataFrame reads a stream (a source of {@link Session#readStream()} or a
   * {@link io.ember.api.streaming.MemoryStream}); such a DataFrame runs only as a streaming query
   * ({@link #writeStream()}).
   */
  public boolean isStreaming() {
    return io.ember.api.analysis.StreamingPlans.isStreaming(execution.analyzed());
  }

  /**
   * Starts building a streaming query over this streaming DataFrame.
   *
   * @throws AnalysisException {@code WRITE_STREAM_NOT_ALLOWED} on a batch DataFrame
   */
  public io.ember.api.streaming.DataStreamWriter writeStream() {
    if (!isStreaming()) {
      throw new AnalysisException(
          "WRITE_STREAM_NOT_ALLOWED", "'writeStream' can be called only on streaming Dataset/DataFrame.");
    }
    return new io.ember.api.streaming.DataStreamWriter(this);
  }

  // ---- caching ----

  /** {@link #persist()}: caches this DataFrame at Spark's default level for DataFrames, MEMORY_AND_DISK. */
  public DataFrame cache() {
    return persist();
  }

  /** Caches this DataFrame at {@link StorageLevel#MEMORY_AND_DISK}, Spark's default for DataFrames. */
  public DataFrame persist() {
    return persist(StorageLevel.MEMORY_AND_DISK);
  }

  /**
   * Marks this DataFrame to be cached, as Spark's {@code persist}: it runs nothing; the first action over it, or
   * over a DataFrame built on it, keeps its result batches on the heap, and later actions read them instead of
   * its sources. Every level keeps the batches on the heap (see {@link StorageLevel}); the cached bytes of a
   * session are bounded by {@code ember.cache.maxBytes} (a result over the budget is recomputed by each action,
   * with a logged warning). Persisting a DataFrame already cached keeps its first level.
   *
   * @throws AnalysisException for a streaming DataFrame ("Queries with streaming sources must be executed with
   *     writeStream.start()", as Spark)
   */
  public DataFrame persist(StorageLevel newLevel) {
    io.ember.api.analysis.UnsupportedOperationChecker.checkForBatch(execution.analyzed());
    session.cacheManager().cache(execution.analyzed(), newLevel);
    return this;
  }

  /** {@link #unpersist(boolean)} without waiting. */
  public DataFrame unpersist() {
    return unpersist(false);
  }

  /**
   * Drops this DataFrame's cached batches; later actions recompute it. Dropping is immediate, so {@code blocking}
   * (Spark: wait until the blocks are deleted) changes nothing.
   */
  public DataFrame unpersist(boolean blocking) {
    session.cacheManager().uncache(execution.analyzed());
    return this;
  }

  /** The level this DataFrame is cached at, {@link StorageLevel#NONE} when it is not cached. */
  public StorageLevel storageLevel() {
    return session.cacheManager().lookup(execution.analyzed()).orElse(StorageLevel.NONE);
  }

  // ---- actions ----

  public List<Row> collectAsList() {
    session.runner();
    return execution.collectRows();
  }

  public Row[] collect() {
    return collectAsList().toArray(new Row[0]);
  }

  public long count() {
    session.runner();
    return execution.count();
  }

  /**
   * The first row.
   *
   * @throws NoSuchElementException when there are no rows
   */
  public Row first() {
    return head();
  }

  public Row head() {
    Row[] rows = take(1);
    if (rows.length == 0) {
      throw new NoSuchElementException("next on empty iterator");
    }
    return rows[0];
  }

  public Row[] head(int n) {
    return take(n);
  }

  public Row[] take(int n) {
    return takeAsList(n).toArray(new Row[0]);
  }

  public List<Row> takeAsList(int n) {
    return limit(n).collectAsList();
  }

  public boolean isEmpty() {
    return takeAsList(1).isEmpty();
  }

  // ---- display ----

  /** Prints the first 20 rows as Spark's table, cells cut to 20 characters. */
  public void show() {
    show(DEFAULT_SHOW_ROWS);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(boolean truncate) {
    show(DEFAULT_SHOW_ROWS, truncate);
  }

  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? DEFAULT_TRUNCATE : 0, false);
  }

  public void show(int numRows, int truncate) {
    show(numRows, truncate, false);
  }

  /** Prints rows as a table (or one block per row when {@code vertical}), cells cut to {@code truncate} characters (0: never). */
  public void show(int numRows, int truncate, boolean vertical) {
    System.out.println(showString(numRows, truncate, vertical));
  }

  /** The text {@link #show(int, int, boolean)} prints. */
  public String showString(int numRows, int truncate, boolean vertical) {
    int n = Math.max(0, numRows);
    List<Row> rows = takeAsList(n == Integer.MAX_VALUE ? n : n + 1);
    return ShowFormatter.showString(schema(), rows, n, truncate, vertical, session.sessionConf().sessionTimeZone());
  }

  /** Prints the physical plan: operators with their parallelism and exchanges. */
  public void explain() {
    explain(false);
  }

  /** With {@code extended}, also the logical plans before and after analysis and optimization. */
  public void explain(boolean extended) {
    System.out.println(execution.explain(extended));
  }

  /**
   * {@code "simple"} or {@code "extended"}.
   *
   * @throws EmberIllegalArgumentException for another mode
   */
  public void explain(String mode) {
    switch (mode == null ? "" : mode.toLowerCase(java.util.Locale.ROOT)) {
      case "simple" -> explain(false);
      case "extended" -> explain(true);
      default -> throw new EmberIllegalArgumentException(
          "INVALID_EXPLAIN_MODE", "Unknown explain mode: " + mode + ". Accepted explain modes are 'simple', 'extended'.");
    }
  }

  /** {@code [a: int, b: string]}, showing at most two columns as Spark does. */
  @Override
  public String toString() {
    List<StructField> fields = schema().fields();
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(2, fields.size()); i++) {
      sb.append(i > 0 ? ", " : "").append(fields.get(i).name()).append(": ").append(fields.get(i).dataType().simpleString());
    }
    int more = fields.size() - 2;
    if (more == 1) {
      sb.append(" ... 1 more field");
    } else if (more > 1) {
      sb.append(" ... ").append(more).append(" more fields");
    }
    return sb.append(']').toString();
  }

  // ---- helpers ----

  boolean sameName(String a, String b) {
    return session.sessionConf().caseSensitive() ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  /** The index of the column {@code name} under the session's case sensitivity, or -1. */
  int indexOf(String name) {
    List<String> names = schema().fieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (sameName(names.get(i), name)) {
        return i;
      }
    }
    return -1;
  }

  /** A reference to this DataFrame's output column {@code name}, quoted when it holds a dot. */
  static LogicalExpr ref(String name) {
    String quoted = name.indexOf('.') >= 0 || name.indexOf('`') >= 0 ? "`" + name.replace("`", "``") + "`" : name;
    return new LogicalExpr.UnresolvedColumn(quoted, null);
  }

  static List<LogicalExpr> exprs(Column... cols) {
    List<LogicalExpr> out = new ArrayList<>(cols.length);
    for (Column c : cols) {
      out.add(c.expr());
    }
    return out;
  }

  private static Column[] nameColumns(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = functions.col(names[i]);
    }
    return out;
  }
}
