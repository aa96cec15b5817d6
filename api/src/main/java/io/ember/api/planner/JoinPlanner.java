package io.ember.api.planner;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.planner.GraphBuilder.Input;
import io.ember.api.planner.GraphBuilder.Stage;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.operators.join.JoinType;
import io.ember.operators.join.StreamStaticJoinSpec;
import io.ember.runtime.graph.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Plans a join. Strategy, in order: broadcast the build side when it is known to be smaller than the
 * broadcast threshold and the join type lets that side's unmatched rows go unreported (the probe side then
 * streams in place); else hash-partition both sides on the equi keys; without equi keys, gather both into
 * one task for a nested loop. The build side is input 0 of {@link HashJoinSpec}. Key expressions that are
 * not plain columns are computed into extra columns first and dropped after the join.
 */
final class JoinPlanner {
  private final PhysicalPlanner planner;
  private final GraphBuilder graph;
  private final PlannerSettings settings;
  /** Whether the hash join may spill its build side: not when a stream probes it (stream-static). */
  private boolean spillable = true;

  JoinPlanner(PhysicalPlanner planner, GraphBuilder graph, PlannerSettings settings) {
    this.planner = planner;
    this.graph = graph;
    this.settings = settings;
  }

  /** A side of the join as planned: its stage (maybe with appended key columns) and its key columns. */
  private record Side(Stage stage, int width, int[] keys) {}

  /**
   * Plans {@code j}, a stream-static join, with the static side {@code build} buffered and the stream probing it: the
   * build side must fit the task's budget, since a stream's output cannot wait for the end of a spilled join.
   */
  Stage planProbedByStream(ResolvedPlan.Join j, BuildSide build) {
    spillable = false;
    return plan(j, build);
  }

  /**
   * Plans {@code j}, a stream-static join whose static side {@code build} its tasks read themselves
   * ({@link StreamStaticJoinSpec}, read again when it changed): only the stream is planned into the graph, and the
   * join is chained to it without an exchange, since every task reads the whole static side.
   */
  Stage planReadingStatic(ResolvedPlan.Join j, BuildSide build, StaticSides.Rereadable staticSide) {
    boolean staticLeft = build == BuildSide.LEFT;
    Side stream = keyed(planner.plan(staticLeft ? j.right() : j.left()), staticLeft ? j.rightKeys() : j.leftKeys());
    StructType raw = staticSide.schema();
    List<Expression> exprs = new ArrayList<>(refs(raw, allColumns(raw.size())));
    List<String> names = new ArrayList<>(raw.fieldNames());
    List<Expression> keys = staticLeft ? j.leftKeys() : j.rightKeys();
    int[] staticKeys = new int[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      if (keys.get(k) instanceof ColumnRef c) {
        staticKeys[k] = c.index();
      } else {
        exprs.add(keys.get(k));
        names.add("__join_key_" + k);
        staticKeys[k] = exprs.size() - 1;
      }
    }
    CalcSpec keyStep = exprs.size() == raw.size() ? null : CalcSpec.project(raw, exprs, names);
    StructType staticSchema = keyStep == null ? raw : keyStep.outputSchema();
    StructType leftSchema = staticLeft ? staticSchema : stream.stage().schema();
    StructType rightSchema = staticLeft ? stream.stage().schema() : staticSchema;
    int leftWidth = staticLeft ? raw.size() : stream.width();
    int rightWidth = staticLeft ? stream.width() : raw.size();
    int[] leftKeys = staticLeft ? staticKeys : stream.keys();
    int[] rightKeys = staticLeft ? stream.keys() : staticKeys;
    int leftExtra = leftSchema.size() - leftWidth;
    List<Expression> condition = new ArrayList<>();
    for (Expression c : j.condition()) {
      condition.add(Exprs.substitute(c, r -> r.index() < leftWidth ? r
          : new ColumnRef(r.index() + leftExtra, r.name(), r.dataType(), r.nullable())));
    }
    HashJoinSpec join = new HashJoinSpec(j.type(), leftSchema, rightSchema, refs(leftSchema, leftKeys),
        refs(rightSchema, rightKeys), PhysicalPlanner.conjunction(condition), build, false);
    Stage joined = graph.chain(stream.stage(), new StreamStaticJoinSpec(join, staticSide.relation(keyStep)));
    return dropKeyColumns(joined, j, leftSchema.size(), leftWidth, rightSchema.size(), rightWidth);
  }

  private static int[] allColumns(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /** Plans {@code j} with {@code forcedBuild} as the build side; when null, the side {@link #chooseBuildSide} picks. */
  Stage plan(ResolvedPlan.Join j, BuildSide forcedBuild) {
    BuildSide build = forcedBuild != null ? forcedBuild : chooseBuildSide(j);
    boolean broadcast = broadcastable(j, build);
    return plan(j, (l, lk, r, rk, condition) -> hashJoin(j, new Side(l, 0, lk), new Side(r, 0, rk), condition,
        build, broadcast));
  }

  /** Plans both sides with their keys as columns, joins them as {@code strategy} says, drops the added keys. */
  Stage plan(ResolvedPlan.Join j, PhysicalPlanner.JoinStrategy strategy) {
    Side left = keyed(planner.plan(j.left()), j.leftKeys());
    Side right = keyed(planner.plan(j.right()), j.rightKeys());
    int leftExtra = left.stage().schema().size() - left.width();
    List<Expression> condition = new ArrayList<>();
    for (Expression c : j.condition()) {
      int lw = left.width();
      condition.add(Exprs.substitute(c, r -> r.index() < lw ? r
          : new ColumnRef(r.index() + leftExtra, r.name(), r.dataType(), r.nullable())));
    }
    Stage joined = strategy.join(left.stage(), left.keys(), right.stage(), right.keys(),
        PhysicalPlanner.conjunction(condition));
    return dropKeyColumns(joined, j, left.stage().schema().size(), left.width(), right.stage().schema().size(),
        right.width());
  }

  private Stage hashJoin(ResolvedPlan.Join j, Side left, Side right, Expression condition, BuildSide build,
      boolean broadcast) {
    HashJoinSpec spec = new HashJoinSpec(j.type(), left.stage().schema(), right.stage().schema(),
        refs(left.stage().schema(), left.keys()), refs(right.stage().schema(), right.keys()), condition, build,
        spillable);
    Side buildSide = build == BuildSide.LEFT ? left : right;
    Side probeSide = build == BuildSide.LEFT ? right : left;
    Stage joined;
    if (broadcast) {
      joined = graph.operator(spec, probeSide.stage().parallelism(), List.of(
          new Input(buildSide.stage(), 0, new Exchange.Broadcast()),
          new Input(probeSide.stage(), 1, new Exchange.Forward())));
    } else if (!j.leftKeys().isEmpty()) {
      joined = graph.operator(spec, settings.shufflePartitions(), List.of(
          new Input(buildSide.stage(), 0, new Exchange.Hash(buildSide.keys())),
          new Input(probeSide.stage(), 1, new Exchange.Hash(probeSide.keys()))));
    } else {
      joined = graph.operator(spec, 1, List.of(
          new Input(buildSide.stage(), 0, new Exchange.Gather()),
          new Input(probeSide.stage(), 1, new Exchange.Gather())));
    }
    return joined;
  }

  /**
   * The side to buffer: the one whose unmatched rows need not be reported at the end when possible (right,
   * or left for a right outer join); for inner and cross joins, the side known to be smaller.
   */
  private BuildSide chooseBuildSide(ResolvedPlan.Join j) {
    if (j.type() == JoinType.RIGHT_OUTER) {
      return BuildSide.LEFT;
    }
    if (j.type() == JoinType.INNER || j.type() == JoinType.CROSS) {
      OptionalLong l = SizeEstimator.estimate(j.left());
      OptionalLong r = SizeEstimator.estimate(j.right());
      if (l.isPresent() && (r.isEmpty() || l.getAsLong() < r.getAsLong())) {
        return BuildSide.LEFT;
      }
    }
    return BuildSide.RIGHT;
  }

  private boolean broadcastable(ResolvedPlan.Join j, BuildSide build) {
    boolean buildPreserved = build == BuildSide.LEFT ? j.type().preservesLeft() : j.type().preservesRight();
    if (buildPreserved || settings.broadcastThresholdBytes() < 0) {
      return false;
    }
    if (build == BuildSide.LEFT && j.type().leftColumnsOnly()) {
      return false;
    }
    OptionalLong size = SizeEstimator.estimate(build == BuildSide.LEFT ? j.left() : j.right());
    return size.isPresent() && size.getAsLong() < settings.broadcastThresholdBytes();
  }

  /** {@code stage} with every key as a column: plain column keys as they are, others appended. */
  private Side keyed(Stage stage, List<Expression> keys) {
    StructType schema = stage.schema();
    int width = schema.size();
    int[] cols = new int[keys.size()];
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>(schema.fieldNames());
    for (int i = 0; i < width; i++) {
      StructField f = schema.field(i);
      exprs.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    for (int k = 0; k < keys.size(); k++) {
      if (keys.get(k) instanceof ColumnRef c) {
        cols[k] = c.index();
      } else {
        exprs.add(keys.get(k));
        names.add("__join_key_" + k);
        cols[k] = exprs.size() - 1;
      }
    }
    if (exprs.size() == width) {
      return new Side(stage, width, cols);
    }
    return new Side(graph.chain(stage, CalcSpec.project(schema, exprs, names)), width, cols);
  }

  static List<Expression> refs(StructType schema, int[] cols) {
    List<Expression> out = new ArrayList<>();
    for (int c : cols) {
      StructField f = schema.field(c);
      out.add(new ColumnRef(c, f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  /** {@code joined} without the key columns appended to its sides (all columns, of which the first width are the side's). */
  private Stage dropKeyColumns(Stage joined, ResolvedPlan.Join j, int leftAll, int leftWidth, int rightColumns,
      int rightColumnsWidth) {
    int rightAll = j.type().leftColumnsOnly() ? 0 : rightColumns;
    int rightWidth = j.type().leftColumnsOnly() ? 0 : rightColumnsWidth;
    if (leftAll == leftWidth && rightAll == rightWidth) {
      return joined;
    }
    StructType schema = joined.schema();
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < leftWidth; i++) {
      exprs.add(ref(schema, i));
      names.add(schema.field(i).name());
    }
    for (int i = 0; i < rightWidth; i++) {
      exprs.add(ref(schema, leftAll + i));
      names.add(schema.field(leftAll + i).name());
    }
    return graph.chain(joined, CalcSpec.project(schema, exprs, names));
  }

  private static ColumnRef ref(StructType schema, int i) {
    StructField f = schema.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }
}
