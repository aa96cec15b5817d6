package io.ember.api.execution;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.Analyzer;
import io.ember.api.analysis.Attr;
import io.ember.api.analysis.PlanTrees;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.StreamingPlans;
import io.ember.api.analysis.UnsupportedOperationChecker;
import io.ember.api.conf.SessionConf;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.optimizer.Optimizer;
import io.ember.api.planner.PhysicalPlanner;
import io.ember.api.planner.PlannerSettings;
import io.ember.api.planner.streaming.StreamingPhysicalPlan;
import io.ember.api.planner.streaming.StreamingPlanner;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.sink.Sink;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobRunner;
import io.ember.runtime.graph.JobGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * One query on its way from the DataFrame API to the runtime: analyzed when constructed (so a bad query
 * fails where the user wrote it), optimized and planned when an action runs. Each action plans and runs a
 * fresh job on the session's {@link JobRunner}, blocking until it finished.
 */
public final class QueryExecution {
  private final SessionConf conf;
  private final JobRunner runner;
  private final LogicalPlan logical;
  private final ResolvedPlan analyzed;
  private final CacheManager cache;
  private ResolvedPlan optimized;

  /**
   * Analyzes {@code plan}.
   *
   * @throws io.ember.core.errors.AnalysisException when a name, type or clause is invalid
   */
  public QueryExecution(SessionConf conf, JobRunner runner, LogicalPlan plan) {
    this(conf, runner, plan, new CacheManager(() -> 0L));
  }

  /**
   * Analyzes {@code plan}; its actions read the results {@code cache} holds for cached subtrees of the plan.
   *
   * @throws io.ember.core.errors.AnalysisException when a name, type or clause is invalid
   */
  public QueryExecution(SessionConf conf, JobRunner runner, LogicalPlan plan, CacheManager cache) {
    this(conf, runner, plan, cache, io.ember.api.logical.UserFunctions.NONE);
  }

  /**
   * Analyzes {@code plan}, whose calls by name resolve to {@code functions} (the session's registered functions)
   * before the built-in ones; its actions read the results {@code cache} holds for cached subtrees of the plan.
   *
   * @throws io.ember.core.errors.AnalysisException when a name, type or clause is invalid
   */
  public QueryExecution(SessionConf conf, JobRunner runner, LogicalPlan plan, CacheManager cache,
      io.ember.api.logical.UserFunctions functions) {
    this.conf = conf;
    this.runner = runner;
    this.logical = plan;
    this.cache = cache;
    this.analyzed = new Analyzer(conf.caseSensitive(), functions).analyze(plan);
  }

  /** The analyzed output schema. */
  public StructType schema() {
    return analyzed.schema();
  }

  public LogicalPlan logical() {
    return logical;
  }

  public ResolvedPlan analyzed() {
    return analyzed;
  }

  /**
   * The optimized plan; cached subtrees read their cached batches, which are materialized now when an action
   * needs them first. Computed once while no cached data applies.
   */
  public synchronized ResolvedPlan optimized() {
    ResolvedPlan withCache = cache.useCached(analyzed, this::materialize);
    if (withCache != analyzed) {
      return optimize(withCache);
    }
    if (optimized == null) {
      optimized = optimize(analyzed);
    }
    return optimized;
  }

  /** The optimized plan reading only cached data already materialized; runs nothing. */
  private ResolvedPlan optimizedForExplain() {
    ResolvedPlan withCache = cache.useCached(analyzed, null);
    return withCache == analyzed ? optimized() : optimize(withCache);
  }

  /** Runs {@code plan} (a cached query, already reading the caches below it) and returns its batches. */
  private List<Batch> materialize(ResolvedPlan plan) {
    UnsupportedOperationChecker.checkForBatch(plan);
    CollectSink sink = new CollectSink();
    run(optimize(plan), sink);
    List<Batch> out = new ArrayList<>();
    StructType schema = plan.schema();
    for (Batch b : sink.batches()) {
      out.add(b.schema().equals(schema) ? b : b.withSchema(schema));
    }
    return out;
  }

  /** Runs the query; rows in the order the plan defines (the sort order after a sort). */
  public List<Row> collectRows() {
    List<Row> rows = new ArrayList<>();
    for (Batch b : collectBatches()) {
      for (int i = 0; i < b.numRows(); i++) {
        rows.add(b.row(i));
      }
    }
    return rows;
  }

  /**
   * Runs the query and returns its output batches, in order.
   *
   * @throws io.ember.core.errors.AnalysisException for a query over a stream (it runs with {@code writeStream})
   */
  public List<Batch> collectBatches() {
    UnsupportedOperationChecker.checkForBatch(analyzed);
    CollectSink sink = new CollectSink();
    run(optimized(), sink);
    List<Batch> out = new ArrayList<>();
    StructType schema = schema();
    for (Batch b : sink.batches()) {
      out.add(b.schema().equals(schema) ? b : b.withSchema(schema));
    }
    return out;
  }

  /** The number of rows, counted by a global aggregate without collecting the rows. */
  public long count() {
    UnsupportedOperationChecker.checkForBatch(analyzed);
    long id = PlanIds.next();
    AggCall count = AggCall.of("count", List.of(), false, "count");
    ResolvedPlan counting = new ResolvedPlan.Aggregate(List.of(), List.of(count),
        List.of(Attr.of("count", DataTypes.LONG, false, id)), cache.useCached(analyzed, this::materialize));
    CollectSink sink = new CollectSink();
    run(optimize(counting), sink);
    for (Batch b : sink.batches()) {
      if (b.numRows() > 0) {
        return ((Number) b.column(0).get(0)).longValue();
      }
    }
    return 0;
  }

  /** Runs the query into {@code sink}. */
  public void writeTo(Sink sink) {
    UnsupportedOperationChecker.checkForBatch(analyzed);
    run(optimized(), sink);
  }

  /**
   * The physical plan (vertices with their operators and parallelism, and the exchanges between them);
   * {@code extended} adds the parsed, analyzed and optimized logical plans, as Spark's {@code explain(true)}.
   */
  public String explain(boolean extended) {
    StringBuilder sb = new StringBuilder();
    if (extended) {
      sb.append("== Parsed Logical Plan ==\n").append(PlanTrees.logical(logical)).append('\n');
      sb.append("== Analyzed Logical Plan ==\n").append(PlanTrees.schemaLine(analyzed)).append('\n')
          .append(PlanTrees.resolved(analyzed)).append('\n');
      sb.append("== Optimized Logical Plan ==\n").append(PlanTrees.resolved(optimizedForExplain())).append('\n');
    }
    JobGraph physical = StreamingPlans.isStreaming(analyzed)
        ? streamingPlanner().planWithoutSink(optimizedForExplain())
        : planner().planWithoutSink(optimizedForExplain());
    sb.append("== Physical Plan ==\n").append(physical.explain());
    return sb.toString();
  }

  /**
   * The streaming job that runs this query in {@code mode}, writing each epoch to {@code sink}.
   *
   * @throws io.ember.core.errors.AnalysisException when Spark does not allow the query in {@code mode}
   */
  public StreamingPhysicalPlan streamingPlan(OutputMode mode, Sink sink) {
    return streamingPlanner().plan(analyzed, optimized(), mode, sink);
  }

  /** The configuration jobs of this query run with. */
  public JobConfig jobConfig() {
    return new JobConfig(evalContext(), conf.batchSize(), conf.taskMemoryBudget(), JobConfig.DEFAULT_CREDITS,
        conf.stateBackend(), conf.replicaStore(), conf.localDir());
  }

  /** The job graph an action writing to {@code sink} runs. */
  public JobGraph physicalPlan(Sink sink) {
    return planner().plan(optimized(), sink);
  }

  private ResolvedPlan optimize(ResolvedPlan plan) {
    return new Optimizer(evalContext()).optimize(plan);
  }

  private PhysicalPlanner planner() {
    return new PhysicalPlanner(PlannerSettings.of(conf, runner.defaultParallelism()));
  }

  private StreamingPlanner streamingPlanner() {
    return new StreamingPlanner(PlannerSettings.of(conf, runner.defaultParallelism()),
        conf.get(SessionConf.STATEFUL_OPERATOR_CHECK_CORRECTNESS));
  }

  private EvalContext evalContext() {
    return new EvalContext(conf.ansiEnabled(), conf.sessionTimeZone(), System.currentTimeMillis() * 1000L,
        conf.mapKeyLastWin());
  }

  private void run(ResolvedPlan plan, Sink sink) {
    JobGraph graph = planner().plan(plan, sink);
    runner.run(graph, jobConfig());
  }
}
