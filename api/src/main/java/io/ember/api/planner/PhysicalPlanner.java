package io.ember.api.planner;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.Attr;
import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.planner.GraphBuilder.Input;
import io.ember.api.planner.GraphBuilder.Stage;
import io.ember.connectors.memory.MemorySource;
import io.ember.connectors.memory.RangeSource;
import io.ember.connectors.sink.Sink;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.datetime.SessionWindowKey;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.distinct.DistinctSpec;
import io.ember.operators.expand.ExpandSpec;
import io.ember.operators.explode.ExplodeSpec;
import io.ember.operators.limit.LimitSpec;
import io.ember.operators.sort.SortKey;
import io.ember.operators.sort.SortSpec;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.window.SessionWindowAggregateSpec;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns an optimized {@link ResolvedPlan} into a {@link JobGraph}: sources at the default parallelism,
 * stateless steps chained into their upstream's tasks, two-phase aggregation around a hash exchange, joins
 * on hash-partitioned or broadcast inputs, and global sorts and limits gathered into one task. Not
 * thread-safe; one planner per plan.
 *
 * <p>The streaming planner reuses it for the stateless parts of a streaming query: it passes an
 * {@link Extension} that plans the nodes it handles differently and leaves the others to this planner.
 */
public final class PhysicalPlanner {
  /** Plans some nodes in place of this planner (the streaming planner); returns null for the others. */
  @FunctionalInterface
  public interface Extension {
    Stage plan(ResolvedPlan node);
  }

  private final PlannerSettings settings;
  private final GraphBuilder graph;
  private final Extension extension;
  /** The sub-plans of the query being planned that are planned once ({@link #planQuery}). */
  private SharedSubplans shared = SharedSubplans.NONE;
  /** The stage of each shared sub-plan planned so far, by its representative occurrence. */
  private final Map<ResolvedPlan, Stage> sharedStages = new IdentityHashMap<>();

  public PhysicalPlanner(PlannerSettings settings) {
    this(settings, new GraphBuilder(), node -> null);
  }

  /** A planner adding to {@code graph}, asking {@code extension} first for each node. */
  public PhysicalPlanner(PlannerSettings settings, GraphBuilder graph, Extension extension) {
    this.settings = settings;
    this.graph = graph;
    this.extension = extension;
  }

  /** The job that runs {@code plan} and writes its rows to {@code sink}. */
  public JobGraph plan(ResolvedPlan plan, Sink sink) {
    Stage out = rename(planQuery(plan), plan.output());
    graph.sink(out, sink, out.parallelism(), new Exchange.Forward());
    return graph.build();
  }

  /** The job of {@code plan} without a sink, as {@code explain()} shows it. */
  public JobGraph planWithoutSink(ResolvedPlan plan) {
    rename(planQuery(plan), plan.output());
    return graph.build();
  }

  /**
   * Plans the whole query {@code root} into the graph; its output stage. A sub-plan the query repeats (the same
   * DataFrame read twice, as in a self-join of an aggregation; see {@link SharedSubplans} for which ones) is
   * planned once: its vertex is closed to chaining ({@link GraphBuilder#seal}) and every occurrence reads its
   * output over an edge of its own, with its own credits and barriers. Unless {@link PlannerSettings#reuseSubplans()}
   * is false: then every occurrence is planned on its own. Reads of one source are first merged into one scan where
   * {@link SharedScans} says so.
   */
  public Stage planQuery(ResolvedPlan root) {
    return planQuery(SharedScans.of(root, settings.reuseSubplans()));
  }

  /** As {@link #planQuery(ResolvedPlan)}, for the query {@code scans} merged the reads of ({@link SharedScans#plan}). */
  public Stage planQuery(SharedScans scans) {
    shared = settings.reuseSubplans() ? SharedSubplans.of(scans) : SharedSubplans.NONE;
    return plan(scans.plan());
  }

  /**
   * Plans the subtree {@code p} into the graph; its output stage, the stage planned before for another
   * occurrence of {@code p} when {@code p} is a shared sub-plan of the query ({@link #planQuery}).
   */
  public Stage plan(ResolvedPlan p) {
    ResolvedPlan representative = shared.representative(p);
    if (representative == null) {
      return planNode(p);
    }
    Stage stage = sharedStages.get(representative);
    if (stage == null) {
      stage = planNode(representative);
      graph.seal(stage);
      sharedStages.put(representative, stage);
    }
    return stage;
  }

  private Stage planNode(ResolvedPlan p) {
    Stage extended = extension.plan(p);
    if (extended != null) {
      return extended;
    }
    if (p instanceof ResolvedPlan.Scan s) {
      return graph.source(s.source(), sourceParallelism(s));
    } else if (p instanceof ResolvedPlan.LocalData l) {
      int par = Math.max(1, Math.min(settings.defaultParallelism(), l.batches().size()));
      return graph.source(new MemorySource(l.schema(), l.batches()), par);
    } else if (p instanceof ResolvedPlan.RangeScan r) {
      int par = r.numPartitions() > 0 ? r.numPartitions() : settings.defaultParallelism();
      return graph.source(new RangeSource(r.start(), r.end(), r.step(), par), par);
    } else if (p instanceof ResolvedPlan.Project pr) {
      return project(pr);
    } else if (p instanceof ResolvedPlan.Filter f) {
      Stage in = plan(f.child());
      return graph.chain(in, CalcSpec.filter(in.schema(), conjunction(f.conjuncts())));
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      return aggregate(a);
    } else if (p instanceof ResolvedPlan.Sort s) {
      return sort(s, SortSpec.NO_LIMIT);
    } else if (p instanceof ResolvedPlan.Limit l) {
      return limit(l);
    } else if (p instanceof ResolvedPlan.Distinct d) {
      Stage in = plan(d.child());
      DistinctSpec spec = new DistinctSpec(in.schema(), d.keys());
      return graph.operator(spec, settings.shufflePartitions(),
          List.of(new Input(in, 0, new Exchange.Hash(spec.effectiveKeys()))));
    } else if (p instanceof ResolvedPlan.Join j) {
      return join(j, null);
    } else if (p instanceof ResolvedPlan.Union u) {
      return union(u);
    } else if (p instanceof ResolvedPlan.Generate g) {
      return generate(g);
    } else if (p instanceof ResolvedPlan.Expand x) {
      Stage in = plan(x.child());
      return graph.chain(in, new ExpandSpec(in.schema(), x.projections(), names(x.output())));
    } else if (p instanceof ResolvedPlan.Window w) {
      return window(w);
    } else if (p instanceof ResolvedPlan.Repartition r) {
      return RepartitionPlanner.plan(graph, settings, plan(r.child()), r);
    }
    throw new IllegalStateException("Cannot plan " + p.getClass().getSimpleName());
  }

  /** The tasks reading {@code scan}: the source's fixed parallelism when it has one, else the default. */
  public int sourceParallelism(ResolvedPlan.Scan scan) {
    int fixed = scan.source().fixedParallelism();
    return fixed > 0 ? fixed : settings.defaultParallelism();
  }

  /** A join with {@code build} (null: the planner's choice) as the side buffered in the hash table. */
  public Stage join(ResolvedPlan.Join j, io.ember.operators.join.BuildSide build) {
    return new JoinPlanner(this, graph, settings).plan(j, build);
  }

  /**
   * A stream-static join: the static side {@code build} is buffered, whole and in memory (it never spills), and the
   * stream probes it.
   */
  public Stage joinProbedByStream(ResolvedPlan.Join j, io.ember.operators.join.BuildSide build) {
    return new JoinPlanner(this, graph, settings).planProbedByStream(j, build);
  }

  /**
   * A stream-static join whose static side {@code build}, a scan of files under projections and filters
   * ({@link StaticSides#of}), the join's tasks read themselves and read again when its files change.
   */
  public Stage joinReadingStatic(ResolvedPlan.Join j, io.ember.operators.join.BuildSide build,
      StaticSides.Rereadable staticSide) {
    return new JoinPlanner(this, graph, settings).planReadingStatic(j, build, staticSide);
  }

  /**
   * A join whose operator and exchanges {@code strategy} chooses, given both sides planned with their key
   * expressions as columns; the key columns added for it are dropped after the join.
   */
  public Stage joinWith(ResolvedPlan.Join j, JoinStrategy strategy) {
    return new JoinPlanner(this, graph, settings).plan(j, strategy);
  }

  /** How to join two planned sides (see {@link #joinWith}). */
  @FunctionalInterface
  public interface JoinStrategy {
    /**
     * The joined stage.
     *
     * @param left the left side, its key expressions appended as columns where they are not plain columns
     * @param leftKeys the left key columns
     * @param right the right side, alike
     * @param rightKeys the right key columns
     * @param condition the residual condition over the left columns then the right ones, or null
     */
    Stage join(Stage left, int[] leftKeys, Stage right, int[] rightKeys, Expression condition);
  }

  /** The conjunction of {@code conjuncts}, or null when there are none. */
  public static Expression conjunction(List<Expression> conjuncts) {
    Expression out = null;
    for (Expression c : conjuncts) {
      out = out == null ? c : Expressions.and(out, c);
    }
    return out;
  }

  public static List<String> names(List<Attr> attrs) {
    return attrs.stream().map(Attr::name).toList();
  }

  private Stage project(ResolvedPlan.Project pr) {
    if (pr.child() instanceof ResolvedPlan.Filter f) {
      Stage in = plan(f.child());
      return graph.chain(in, new CalcSpec(in.schema(), conjunction(f.conjuncts()), pr.exprs(), names(pr.output())));
    }
    if (pr.child() instanceof ResolvedPlan.Generate g) {
      return projectGenerate(pr, g);
    }
    Stage in = plan(pr.child());
    return graph.chain(in, CalcSpec.project(in.schema(), pr.exprs(), names(pr.output())));
  }

  /** {@code stage} with the column names of {@code attrs} (a projection when they differ). */
  public Stage rename(Stage stage, List<Attr> attrs) {
    if (stage.schema().fieldNames().equals(names(attrs))) {
      return stage;
    }
    List<Expression> refs = new ArrayList<>();
    for (int i = 0; i < attrs.size(); i++) {
      StructField f = stage.schema().field(i);
      refs.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    return graph.chain(stage, CalcSpec.project(stage.schema(), refs, names(attrs)));
  }

  private Stage aggregate(ResolvedPlan.Aggregate a) {
    if (SessionWindowKey.indexIn(a.keys()) >= 0) {
      return sessionWindowAggregate(a, null);
    }
    return aggregate(a, HashAggregateSpec::finalFor);
  }

  /**
   * An aggregation grouped by a session window (one key is a {@link SessionWindowKey}): the input with the other
   * keys appended as columns, hash-exchanged on them (gathered into one task when there are none), then a
   * {@link SessionWindowAggregateSpec} over the raw rows, in batch when {@code mode} is null, else streaming in
   * {@code mode}.
   */
  public Stage sessionWindowAggregate(ResolvedPlan.Aggregate a, OutputMode mode) {
    Stage in = plan(a.child());
    int session = SessionWindowKey.indexIn(a.keys());
    StructType inSchema = in.schema();
    int width = inSchema.size();
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>(inSchema.fieldNames());
    for (int i = 0; i < width; i++) {
      StructField f = inSchema.field(i);
      exprs.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    List<Expression> keys = new ArrayList<>();
    int[] hashColumns = new int[a.keys().size() - 1];
    for (int i = 0, j = 0; i < a.keys().size(); i++) {
      Expression k = a.keys().get(i);
      if (i == session) {
        keys.add(k);
        continue;
      }
      exprs.add(k);
      names.add("__session_group_key_" + j);
      keys.add(new ColumnRef(width + j, names.get(width + j), k.dataType(), k.nullable()));
      hashColumns[j] = width + j;
      j++;
    }
    Stage keyed = hashColumns.length == 0 ? in : graph.chain(in, CalcSpec.project(inSchema, exprs, names));
    List<String> keyNames = names(a.output().subList(0, a.keys().size()));
    List<AggregateFunction> functions = new ArrayList<>();
    List<String> functionNames = new ArrayList<>();
    for (AggCall c : a.aggs()) {
      functions.add(c.function());
      functionNames.add(c.name());
    }
    SessionWindowAggregateSpec spec = mode == null
        ? SessionWindowAggregateSpec.batch(keyed.schema(), keys, keyNames, session, functions, functionNames)
        : SessionWindowAggregateSpec.streaming(keyed.schema(), keys, keyNames, session, functions, functionNames, mode);
    Exchange exchange = hashColumns.length == 0 ? new Exchange.Gather() : new Exchange.Hash(hashColumns);
    int par = hashColumns.length == 0 ? 1 : settings.shufflePartitions();
    return graph.operator(spec, par, List.of(new Input(keyed, 0, exchange)));
  }

  /**
   * A two-phase aggregation: a PARTIAL {@link HashAggregateSpec} chained onto the input's tasks, then the
   * final phase {@code finalPhase} makes from it, behind a hash exchange on the keys (or gathered into one
   * task without keys).
   */
  public Stage aggregate(ResolvedPlan.Aggregate a, Function<HashAggregateSpec, OperatorSpec> finalPhase) {
    Stage in = plan(a.child());
    List<String> keyNames = names(a.output().subList(0, a.keys().size()));
    List<AggregateFunction> functions = new ArrayList<>();
    List<String> functionNames = new ArrayList<>();
    for (AggCall c : a.aggs()) {
      functions.add(c.function());
      functionNames.add(c.name());
    }
    HashAggregateSpec partial = HashAggregateSpec.partial(in.schema(), a.keys(), keyNames, functions, functionNames);
    Stage partialStage = graph.chain(in, partial);
    OperatorSpec fin = finalPhase.apply(partial);
    Exchange exchange = a.keys().isEmpty() ? new Exchange.Gather() : new Exchange.Hash(partial.keyColumns());
    int par = a.keys().isEmpty() ? 1 : settings.shufflePartitions();
    return graph.operator(fin, par, List.of(new Input(partialStage, 0, exchange)));
  }

  private Stage sort(ResolvedPlan.Sort s, long limit) {
    Stage in = plan(s.child());
    List<SortKey> keys = new ArrayList<>();
    for (io.ember.api.analysis.SortKey k : s.keys()) {
      keys.add(new SortKey(k.expr(), k.ascending(), k.nullsFirst()));
    }
    SortSpec spec = new SortSpec(in.schema(), keys, limit);
    if (in.parallelism() == 1) {
      return graph.chain(in, spec);
    }
    Stage local = limit == SortSpec.NO_LIMIT ? in : graph.chain(in, spec);
    return graph.operator(spec, 1, List.of(new Input(local, 0, new Exchange.Gather())));
  }

  private Stage limit(ResolvedPlan.Limit l) {
    long keep = (long) l.limit() + l.offset();
    if (l.child() instanceof ResolvedPlan.Sort s && keep <= Integer.MAX_VALUE - 8) {
      Stage sorted = sort(s, keep);
      return l.offset() == 0 ? sorted : graph.chain(sorted, new LimitSpec(sorted.schema(), l.limit(), l.offset()));
    }
    Stage in = plan(l.child());
    LimitSpec global = new LimitSpec(in.schema(), l.limit(), l.offset());
    if (in.parallelism() == 1) {
      return graph.chain(in, global);
    }
    Stage local = graph.chain(in, new LimitSpec(in.schema(), keep));
    return graph.operator(global, 1, List.of(new Input(local, 0, new Exchange.Gather())));
  }

  private Stage union(ResolvedPlan.Union u) {
    List<Stage> inputs = new ArrayList<>();
    for (ResolvedPlan in : u.inputs()) {
      inputs.add(plan(in));
    }
    int par = settings.defaultParallelism();
    StructType schema = u.schema();
    List<Input> edges = new ArrayList<>();
    for (Stage s : inputs) {
      edges.add(new Input(s, 0, s.parallelism() == par ? new Exchange.Forward() : new Exchange.RoundRobin()));
    }
    List<Expression> refs = Exprs.refs(u.output());
    return graph.operator(new CalcSpec(inputs.get(0).schema(), null, refs, schema.fieldNames()), par, edges);
  }

  private Stage generate(ResolvedPlan.Generate g) {
    return generate(g, Exprs.refs(g.child().output()));
  }

  /**
   * A projection over an explode: the explode carries only the child's columns the projection reads, as Spark's
   * Generate drops its unrequired child columns, so that a wide column only the generator reads (the line a word
   * count splits into words) is not copied once per element.
   */
  private Stage projectGenerate(ResolvedPlan.Project pr, ResolvedPlan.Generate g) {
    List<Expression> childRefs = Exprs.refs(g.child().output());
    int childWidth = childRefs.size();
    BitSet read = Exprs.references(pr.exprs());
    int[] mapping = new int[childWidth + 1];
    List<Expression> carried = new ArrayList<>();
    for (int i = 0; i < childWidth; i++) {
      mapping[i] = read.get(i) ? carried.size() : -1;
      if (read.get(i)) {
        carried.add(childRefs.get(i));
      }
    }
    mapping[childWidth] = carried.size();
    Stage exploded = generate(g, carried);
    List<Expression> exprs = new ArrayList<>(pr.exprs().size());
    for (Expression e : pr.exprs()) {
      exprs.add(Exprs.remap(e, mapping));
    }
    return graph.chain(exploded, CalcSpec.project(exploded.schema(), exprs, names(pr.output())));
  }

  /** The explode of {@code g}, its rows carrying the child's columns {@code carried} (references into the child). */
  private Stage generate(ResolvedPlan.Generate g, List<Expression> carried) {
    Stage in = plan(g.child());
    List<Expression> exprs = new ArrayList<>(carried);
    exprs.add(g.array());
    List<String> names = new ArrayList<>();
    for (Expression c : carried) {
      names.add(((ColumnRef) c).name());
    }
    names.add("__explode_input");
    Stage withArray = graph.chain(in, CalcSpec.project(in.schema(), exprs, names));
    String element = g.output().get(g.output().size() - 1).name();
    return graph.chain(withArray, new ExplodeSpec(withArray.schema(), carried.size(), g.outer(), false, "pos", element));
  }

  /**
   * Window functions: the input hash-exchanged on the partition keys (appended as columns when they are not
   * plain columns, and dropped again after) or gathered into one task without keys, then a
   * {@link io.ember.operators.analytic.WindowSpec} that sorts each task's rows and appends the results.
   */
  private Stage window(ResolvedPlan.Window w) {
    Stage in = plan(w.child());
    StructType inSchema = in.schema();
    int width = inSchema.size();
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>(inSchema.fieldNames());
    for (int i = 0; i < width; i++) {
      StructField f = inSchema.field(i);
      exprs.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    List<Expression> partition = new ArrayList<>();
    int[] hashColumns = new int[w.partitionKeys().size()];
    for (int i = 0; i < hashColumns.length; i++) {
      Expression k = w.partitionKeys().get(i);
      if (k instanceof ColumnRef c) {
        hashColumns[i] = c.index();
        partition.add(k);
        continue;
      }
      names.add("__window_partition_" + i);
      exprs.add(k);
      hashColumns[i] = exprs.size() - 1;
      partition.add(new ColumnRef(hashColumns[i], names.get(hashColumns[i]), k.dataType(), k.nullable()));
    }
    Stage keyed = exprs.size() == width ? in : graph.chain(in, CalcSpec.project(inSchema, exprs, names));
    List<SortKey> order = new ArrayList<>();
    for (io.ember.api.analysis.SortKey k : w.orderKeys()) {
      order.add(new SortKey(k.expr(), k.ascending(), k.nullsFirst()));
    }
    int first = w.output().size() - w.functions().size();
    io.ember.operators.analytic.WindowSpec spec = new io.ember.operators.analytic.WindowSpec(keyed.schema(),
        partition, order, w.functions(), names(w.output().subList(first, w.output().size())));
    boolean gather = hashColumns.length == 0;
    Stage out = graph.operator(spec, gather ? 1 : settings.shufflePartitions(),
        List.of(new Input(keyed, 0, gather ? new Exchange.Gather() : new Exchange.Hash(hashColumns))));
    if (keyed == in) {
      return out;
    }
    List<Expression> keep = new ArrayList<>();
    List<String> keepNames = new ArrayList<>();
    StructType outSchema = out.schema();
    for (int i = 0; i < outSchema.size(); i++) {
      if (i < width || i >= exprs.size()) {
        StructField f = outSchema.field(i);
        keep.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
        keepNames.add(f.name());
      }
    }
    return graph.chain(out, CalcSpec.project(outSchema, keep, keepNames));
  }
}
