package io.ember.api.planner.streaming;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.ChangelogAggregations;
import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.GetField;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.StreamingPlans;
import io.ember.api.analysis.UnsupportedOperationChecker;
import io.ember.api.planner.GraphBuilder;
import io.ember.api.planner.GraphBuilder.Input;
import io.ember.api.planner.GraphBuilder.Stage;
import io.ember.api.planner.PhysicalPlanner;
import io.ember.api.planner.PlannerSettings;
import io.ember.api.planner.SharedScans;
import io.ember.api.planner.StaticSides;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.sink.Sink;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.datetime.SessionWindowKey;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.join.BuildSide;
import io.ember.operators.limit.LimitSpec;
import io.ember.operators.stream.InputWatermark;
import io.ember.operators.stream.PropagatedWatermarkSpec;
import io.ember.operators.stream.RowKind;
import io.ember.operators.stream.aggregate.RetractingAggregateSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.operators.stream.dedup.StreamingDeduplicateSpec;
import io.ember.operators.stream.join.StreamJoinSpec;
import io.ember.operators.stream.watermark.EventTimeWatermarkSpec;
import io.ember.operators.window.SessionWindowAggregateSpec;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an optimized streaming {@link ResolvedPlan} into a {@link StreamingPhysicalPlan}. The parts of the
 * plan that read no stream (the static side of a stream-static join) and the stateless steps over streams
 * (projections, filters, explodes, unions) are planned as in batch, by {@link PhysicalPlanner}, except a static
 * side that scans files ({@link StaticSides}): the join's tasks read it themselves, again whenever its files
 * change, as Spark plans the batch side anew for every micro-batch; this planner
 * takes the nodes whose streaming form differs: unbounded sources (pinned to their fixed parallelism and
 * recorded as the job's streams), watermarks, joins with a stream, and the stateful operators. In a query with
 * more than one stateful operator, each runs in a {@link PropagatedWatermarkSpec} with its input watermark
 * (Spark's watermark propagation: lateness by the previous epoch's watermark, eviction by the current one, lowered
 * below a stream-stream join by the join's state watermarks); a query with one keeps the operator as it is. An
 * aggregation over the updates of another in update or complete mode ({@link ChangelogAggregations}) is planned as
 * a changelog: the inner one a changelog {@link StreamingAggregateSpec}, the projections between them carrying the
 * row kind, the outer one a {@link RetractingAggregateSpec}. Not thread-safe; one planner per plan.
 */
public final class StreamingPlanner {
  private final PlannerSettings settings;
  private final GraphBuilder graph = new GraphBuilder();
  private final PhysicalPlanner batch;
  private final Set<Integer> streamingSources = new LinkedHashSet<>();
  private final Map<Integer, String> sourceDescriptions = new HashMap<>();
  private final Map<Integer, String> statefulOperators = new HashMap<>();
  /** Per stateful node of a query with several, its input watermark; empty for a query with one or none. */
  private final Map<ResolvedPlan, InputWatermark> chained = new IdentityHashMap<>();
  /** The nodes whose output is a changelog, and the aggregations applying one (update and complete mode). */
  private final Set<ResolvedPlan> changelogs = ChangelogAggregations.identitySet();
  private final Set<ResolvedPlan> retracting = ChangelogAggregations.identitySet();
  /** The source vertex of each unbounded source planned so far, by source instance. */
  private final Map<Object, Stage> sharedSources = new IdentityHashMap<>();
  private OutputMode mode = OutputMode.APPEND;
  private int nextWatermarkId;
  private boolean explainOnly;
  private final boolean checkCorrectness;

  public StreamingPlanner(PlannerSettings settings) {
    this(settings, true);
  }

  /**
   * A planner whose checks include ({@code checkCorrectness}) or skip Spark's check of stateful operators
   * reading a non-append aggregation ({@code spark.sql.streaming.statefulOperator.checkCorrectness.enabled}).
   */
  public StreamingPlanner(PlannerSettings settings, boolean checkCorrectness) {
    this.settings = settings;
    this.checkCorrectness = checkCorrectness;
    this.batch = new PhysicalPlanner(settings, graph, this::planStreaming);
  }

  /**
   * The job that runs {@code optimized} in output mode {@code mode} and writes each epoch's rows to
   * {@code sink}.
   *
   * @throws io.ember.core.errors.AnalysisException when Spark does not allow the query in this mode
   *     ({@link UnsupportedOperationChecker#checkForStreaming})
   */
  public StreamingPhysicalPlan plan(ResolvedPlan optimized, OutputMode mode, Sink sink) {
    return plan(optimized, optimized, mode, sink);
  }

  /**
   * As {@link #plan(ResolvedPlan, OutputMode, Sink)}, checking the query as analyzed, before the optimizer
   * removed anything (a sort below an aggregation), as Spark checks it.
   */
  public StreamingPhysicalPlan plan(ResolvedPlan analyzed, ResolvedPlan optimized, OutputMode mode, Sink sink) {
    UnsupportedOperationChecker.checkForStreaming(analyzed, mode, checkCorrectness);
    this.mode = mode;
    SharedScans scans = SharedScans.of(optimized, settings.reuseSubplans());
    propagateWatermarks(scans.plan());
    if (mode != OutputMode.APPEND) {
      ChangelogAggregations.find(scans.plan(), changelogs, retracting);
    }
    Stage out = batch.rename(batch.planQuery(scans), optimized.output());
    Stage sinkStage = graph.sink(out, sink, out.parallelism(), new Exchange.Forward());
    return new StreamingPhysicalPlan(graph.build(), streamingSources, sourceDescriptions, statefulOperators,
        sinkStage.vertex());
  }

  /**
   * The job of {@code optimized} without a sink and without the checks, as {@code explain()} shows it: in
   * append mode, except that an aggregation that append mode cannot run (no event-time key) is shown in
   * update mode.
   */
  public JobGraph planWithoutSink(ResolvedPlan optimized) {
    this.mode = OutputMode.APPEND;
    this.explainOnly = true;
    SharedScans scans = SharedScans.of(optimized, settings.reuseSubplans());
    propagateWatermarks(scans.plan());
    ChangelogAggregations.find(scans.plan(), changelogs, retracting);
    batch.rename(batch.planQuery(scans), optimized.output());
    return graph.build();
  }

  /** The streaming form of {@code p}, or null to plan it as in batch. */
  private Stage planStreaming(ResolvedPlan p) {
    if (!StreamingPlans.isStreaming(p)) {
      return null;
    }
    if (p instanceof ResolvedPlan.Project pr && changelogs.contains(pr)) {
      return changelogProject(pr);
    }
    if (p instanceof ResolvedPlan.Scan s) {
      // A stream read twice (a self-join, an aggregation joined with an aggregation of itself) is one source vertex
      // feeding both branches, as Spark reads a source once per micro-batch: two independent readers could put the
      // same rows in different epochs of the two branches, making them late in the later one. SharedScans gave every
      // read of one stream the same source instance, whatever each read pushed into it.
      Stage shared = sharedSources.get(s.source());
      if (shared != null) {
        return shared;
      }
      Stage stage = graph.source(s.source(), batch.sourceParallelism(s));
      streamingSources.add(stage.vertex());
      sourceDescriptions.put(stage.vertex(), s.source().explain());
      sharedSources.put(s.source(), stage);
      return stage;
    } else if (p instanceof ResolvedPlan.EventTimeWatermark w) {
      return watermark(w);
    } else if (p instanceof ResolvedPlan.Join j) {
      return join(j);
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      return aggregate(a, a);
    } else if (p instanceof ResolvedPlan.Distinct d && d.aggregation()) {
      // Spark plans distinct() as an aggregation on every column.
      ResolvedPlan.Aggregate all = new ResolvedPlan.Aggregate(Exprs.refs(d.child().output()), List.of(), d.output(),
          d.child());
      return aggregate(all, d);
    } else if (p instanceof ResolvedPlan.Distinct d) {
      Stage in = batch.plan(d.child());
      int eventTime = StreamingPlans.eventTimeColumn(d.child());
      StreamingDeduplicateSpec spec = eventTime < 0 ? StreamingDeduplicateSpec.withoutWatermark(in.schema(), d.keys())
          : StreamingDeduplicateSpec.withWatermark(in.schema(), d.keys(), eventTime);
      return keyedStateful(d, in, spec, spec.effectiveKeys(), "dedupe");
    } else if (p instanceof ResolvedPlan.Limit l && mode == OutputMode.COMPLETE
        && !(l.child() instanceof ResolvedPlan.Sort)) {
      return perEpochLimit(l);
    } else if (p instanceof ResolvedPlan.DeduplicateWithinWatermark d) {
      Stage in = batch.plan(d.child());
      int eventTime = StreamingPlans.eventTimeColumn(d.child());
      long delay = StreamingPlans.eventTimeColumns(d.child()).get(eventTime);
      StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withinWatermark(in.schema(), d.keys(), eventTime, delay);
      return keyedStateful(d, in, spec, spec.effectiveKeys(), "dedupeWithinWatermark");
    }
    return null;
  }

  /**
   * The {@link EventTimeWatermarkSpec} of a {@code withWatermark}. On a window column the window's end is the
   * event time: it is computed into an extra column for the operator, dropped after it.
   */
  private Stage watermark(ResolvedPlan.EventTimeWatermark w) {
    Stage in = batch.plan(w.child());
    int id = nextWatermarkId++;
    if (!(in.schema().field(w.eventTime()).dataType() instanceof StructType window)) {
      return graph.chain(in, new EventTimeWatermarkSpec(in.schema(), w.eventTime(), w.delayMicros(), id));
    }
    List<Expression> refs = Exprs.refs(w.child().output());
    List<Expression> withEnd = new ArrayList<>(refs);
    int end = window.fieldNames().indexOf("end");
    withEnd.add(new GetField(refs.get(w.eventTime()), end, "end"));
    List<String> names = new ArrayList<>(in.schema().fieldNames());
    names.add("__event_time");
    Stage extended = graph.chain(in, CalcSpec.project(in.schema(), withEnd, names));
    Stage tracked = graph.chain(extended,
        new EventTimeWatermarkSpec(extended.schema(), names.size() - 1, w.delayMicros(), id));
    return graph.chain(tracked, CalcSpec.project(tracked.schema(), refs, in.schema().fieldNames()));
  }

  private Stage join(ResolvedPlan.Join j) {
    boolean left = StreamingPlans.isStreaming(j.left());
    boolean right = StreamingPlans.isStreaming(j.right());
    if (!left || !right) {
      // Stream-static: the stream probes the static side. A scan of files is read by the join's tasks and read again
      // when its files change (Spark plans the batch side anew for every micro-batch); another static side (in-memory
      // data, which never changes, or an aggregated batch query) is planned into the job and buffered once.
      BuildSide build = left ? BuildSide.RIGHT : BuildSide.LEFT;
      StaticSides.Rereadable rereadable = StaticSides.of(left ? j.right() : j.left());
      return rereadable != null ? batch.joinReadingStatic(j, build, rereadable) : batch.joinProbedByStream(j, build);
    }
    int leftTime = StreamingPlans.eventTimeColumn(j.left());
    int rightTime = StreamingPlans.eventTimeColumn(j.right());
    return batch.joinWith(j, (l, lk, r, rk, condition) -> {
      OperatorSpec spec = chained(j, new StreamJoinSpec(j.type(), l.schema(), r.schema(), refs(l.schema(), lk),
          refs(r.schema(), rk), condition, leftTime, rightTime));
      Stage joined = lk.length == 0
          ? graph.operator(spec, 1, List.of(new Input(l, 0, new Exchange.Gather()),
              new Input(r, 1, new Exchange.Gather())))
          : graph.operator(spec, settings.shufflePartitions(), List.of(new Input(l, 0, new Exchange.Hash(lk)),
              new Input(r, 1, new Exchange.Hash(rk))));
      statefulOperators.put(joined.vertex(), "symmetricHashJoin");
      return joined;
    });
  }

  /**
   * A streaming aggregation: the batch partial phase (which emits its groups at every end of epoch), a hash
   * exchange on the keys, and the stateful {@link StreamingAggregateSpec} in the query's output mode, keyed by
   * event time when a grouping key carries it. {@code node} is the plan node it implements ({@code a} itself, or
   * the {@code distinct()} planned as {@code a}).
   */
  private Stage aggregate(ResolvedPlan.Aggregate a, ResolvedPlan node) {
    if (SessionWindowKey.indexIn(a.keys()) >= 0) {
      return sessionAggregate(a);
    }
    Map<Integer, Long> eventTime = StreamingPlans.eventTimeColumns(a.child());
    int eventTimeKey = StreamingAggregateSpec.NO_EVENT_TIME_KEY;
    for (int k = 0; k < a.keys().size() && eventTimeKey < 0; k++) {
      if (StreamingPlans.derivedDelay(a.keys().get(k), eventTime) != null) {
        eventTimeKey = k;
      }
    }
    if (retracting.contains(a)) {
      return retractingAggregate(a);
    }
    int key = eventTimeKey;
    io.ember.operators.stream.OutputMode opMode = explainOnly && mode == OutputMode.APPEND && key < 0
        ? io.ember.operators.stream.OutputMode.UPDATE : operatorMode();
    boolean changelog = changelogs.contains(a);
    Stage out = batch.aggregate(a, partial -> chained(node, changelog
        ? StreamingAggregateSpec.changelogFor(partial, changelogMode())
        : StreamingAggregateSpec.finalFor(partial, opMode, key)));
    statefulOperators.put(out.vertex(), "stateStoreSave");
    return out;
  }

  /** A projection of a changelog: its expressions, then the row kind carried through. */
  private Stage changelogProject(ResolvedPlan.Project pr) {
    Stage in = batch.plan(pr.child());
    List<Expression> exprs = new ArrayList<>(pr.exprs());
    exprs.add(new ColumnRef(in.schema().size() - 1, RowKind.COLUMN, DataTypes.INTEGER, false));
    List<String> names = new ArrayList<>(PhysicalPlanner.names(pr.output()));
    names.add(RowKind.COLUMN);
    return graph.chain(in, CalcSpec.project(in.schema(), exprs, names));
  }

  /**
   * An aggregation over a changelog: the input (keys that are not plain columns computed into extra columns before
   * the row kind), hash-exchanged on the keys (gathered into one task without keys), into a {@link
   * RetractingAggregateSpec} that adds the inserted rows and takes back the retracted ones.
   */
  private Stage retractingAggregate(ResolvedPlan.Aggregate a) {
    Stage in = batch.plan(a.child());
    int kind = in.schema().size() - 1;
    List<Expression> exprs = new ArrayList<>(Exprs.refs(a.child().output()));
    List<String> names = new ArrayList<>(in.schema().fieldNames().subList(0, kind));
    int[] keys = new int[a.keys().size()];
    for (int k = 0; k < keys.length; k++) {
      if (a.keys().get(k) instanceof ColumnRef c) {
        keys[k] = c.index();
      } else {
        keys[k] = exprs.size();
        exprs.add(a.keys().get(k));
        names.add("__key_" + k);
      }
    }
    if (exprs.size() > kind) {
      exprs.add(new ColumnRef(kind, RowKind.COLUMN, DataTypes.INTEGER, false));
      names.add(RowKind.COLUMN);
      in = graph.chain(in, CalcSpec.project(in.schema(), exprs, names));
    }
    OperatorSpec spec = chained(a, new RetractingAggregateSpec(in.schema(), keys,
        PhysicalPlanner.names(a.output().subList(0, keys.length)), a.aggs().stream().map(AggCall::function).toList(),
        a.aggs().stream().map(AggCall::name).toList(), changelogMode()));
    Stage out = keys.length == 0
        ? graph.operator(spec, 1, List.of(new Input(in, 0, new Exchange.Gather())))
        : graph.operator(spec, settings.shufflePartitions(), List.of(new Input(in, 0, new Exchange.Hash(keys))));
    statefulOperators.put(out.vertex(), "retractingAggregate");
    return out;
  }

  /** The mode of a changelog pair: the query's, or update when only explaining (append mode cannot run it). */
  private io.ember.operators.stream.OutputMode changelogMode() {
    return mode == OutputMode.APPEND ? io.ember.operators.stream.OutputMode.UPDATE : operatorMode();
  }

  /**
   * A session window aggregation: the raw rows, hash-partitioned on the keys other than the session (gathered
   * into one task without other keys), into the stateful {@link SessionWindowAggregateSpec}, which merges
   * sessions per key and emits them as the output mode says.
   */
  private Stage sessionAggregate(ResolvedPlan.Aggregate a) {
    Stage in = batch.plan(a.child());
    int session = SessionWindowKey.indexIn(a.keys());
    // Keys that are not plain columns are computed into extra columns, so that the exchange can hash them.
    List<Expression> exprs = new ArrayList<>(Exprs.refs(a.child().output()));
    List<String> names = new ArrayList<>(in.schema().fieldNames());
    List<Expression> keys = new ArrayList<>(a.keys());
    List<Integer> hashed = new ArrayList<>();
    for (int k = 0; k < keys.size(); k++) {
      if (k == session) {
        continue;
      }
      if (keys.get(k) instanceof ColumnRef c) {
        hashed.add(c.index());
      } else {
        exprs.add(keys.get(k));
        names.add("__session_key_" + k);
        ColumnRef computed = new ColumnRef(exprs.size() - 1, names.get(names.size() - 1), keys.get(k).dataType(),
            keys.get(k).nullable());
        keys.set(k, computed);
        hashed.add(computed.index());
      }
    }
    if (exprs.size() > a.child().output().size()) {
      in = graph.chain(in, CalcSpec.project(in.schema(), exprs, names));
    }
    List<AggregateFunction> functions = a.aggs().stream().map(AggCall::function).toList();
    List<String> functionNames = a.aggs().stream().map(AggCall::name).toList();
    List<String> keyNames = PhysicalPlanner.names(a.output().subList(0, keys.size()));
    OperatorSpec spec = chained(a, SessionWindowAggregateSpec.streaming(in.schema(), keys, keyNames, session,
        functions, functionNames, operatorMode()));
    Stage out = hashed.isEmpty()
        ? graph.operator(spec, 1, List.of(new Input(in, 0, new Exchange.Gather())))
        : graph.operator(spec, settings.shufflePartitions(), List.of(new Input(in, 0,
            new Exchange.Hash(hashed.stream().mapToInt(Integer::intValue).toArray()))));
    statefulOperators.put(out.vertex(), "sessionWindowStateStoreSaveExec");
    return out;
  }

  /**
   * A limit over a complete mode result, which is the whole result again in every epoch: the count starts
   * over at every epoch. (A limit over a sort is a per-epoch top-N sort already, planned as in batch; in append
   * mode a limit holds over the whole stream, as Spark's streaming global limit, also planned as in batch.)
   */
  private Stage perEpochLimit(ResolvedPlan.Limit l) {
    Stage in = batch.plan(l.child());
    LimitSpec global = new LimitSpec(in.schema(), l.limit(), 0, true);
    if (in.parallelism() == 1) {
      return graph.chain(in, global);
    }
    Stage local = graph.chain(in, new LimitSpec(in.schema(), l.limit(), 0, true));
    return graph.operator(global, 1, List.of(new Input(local, 0, new Exchange.Gather())));
  }

  /**
   * {@code spec}, the stateful operator of {@code node}, behind a hash exchange on {@code keys}, recorded as stateful
   * operator {@code name}.
   */
  private Stage keyedStateful(ResolvedPlan node, Stage in, OperatorSpec spec, int[] keys, String name) {
    Stage out = graph.operator(chained(node, spec), settings.shufflePartitions(),
        List.of(new Input(in, 0, new Exchange.Hash(keys))));
    statefulOperators.put(out.vertex(), name);
    return out;
  }

  /**
   * Fills {@link #chained} when {@code plan} has more than one stateful operator: each one's input watermark, the
   * smallest output watermark of its inputs, where a {@code withWatermark} outputs the global watermark, a
   * stream-stream join its {@link InputWatermark#throughJoin} and every other node its input's.
   */
  private void propagateWatermarks(ResolvedPlan plan) {
    chained.clear();
    Map<ResolvedPlan, InputWatermark> inputs = new IdentityHashMap<>();
    outputWatermark(plan, inputs);
    if (inputs.size() > 1) {
      chained.putAll(inputs);
    }
  }

  /** The output watermark of {@code p}, null when it has none; records each stateful node's input watermark. */
  private static InputWatermark outputWatermark(ResolvedPlan p, Map<ResolvedPlan, InputWatermark> inputs) {
    if (!StreamingPlans.isStreaming(p)) {
      return null;
    }
    InputWatermark in = null;
    for (ResolvedPlan c : p.children()) {
      InputWatermark w = outputWatermark(c, inputs);
      in = w == null ? in : in == null ? w : in.min(w);
    }
    if (p instanceof ResolvedPlan.EventTimeWatermark) {
      return InputWatermark.GLOBAL;
    }
    if (!isStateful(p)) {
      return in;
    }
    inputs.put(p, in == null ? InputWatermark.GLOBAL : in);
    return in != null && p instanceof ResolvedPlan.Join j ? in.throughJoin(StreamingPlans.joinStateWatermarks(j)) : in;
  }

  /** The plan nodes over streams that this planner turns into stateful operators. */
  private static boolean isStateful(ResolvedPlan p) {
    return p instanceof ResolvedPlan.Aggregate || p instanceof ResolvedPlan.Distinct
        || p instanceof ResolvedPlan.DeduplicateWithinWatermark
        || p instanceof ResolvedPlan.Join j && StreamingPlans.isStreaming(j.left()) && StreamingPlans.isStreaming(j.right());
  }

  /** {@code spec} in a {@link PropagatedWatermarkSpec} when {@code node} is one of several stateful operators. */
  private OperatorSpec chained(ResolvedPlan node, OperatorSpec spec) {
    InputWatermark input = chained.get(node);
    return input == null ? spec : new PropagatedWatermarkSpec(spec, input);
  }

  private io.ember.operators.stream.OutputMode operatorMode() {
    return switch (mode) {
      case APPEND -> io.ember.operators.stream.OutputMode.APPEND;
      case UPDATE -> io.ember.operators.stream.OutputMode.UPDATE;
      case COMPLETE -> io.ember.operators.stream.OutputMode.COMPLETE;
    };
  }

  private static List<Expression> refs(StructType schema, int[] cols) {
    List<Expression> out = new ArrayList<>();
    for (int c : cols) {
      StructField f = schema.field(c);
      out.add(new ColumnRef(c, f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }
}
