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
    return dropKeyColumns(joined, j, left, right);
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

  private Stage dropKeyColumns(Stage joined, ResolvedPlan.Join j, Side left, Side right) {
    int leftAll = left.stage().schema().size();
    int rightAll = j.type().leftColumnsOnly() ? 0 : right.stage().schema().size();
    int rightWidth = j.type().leftColumnsOnly() ? 0 : right.width();
    if (leftAll == left.width() && rightAll == rightWidth) {
      return joined;
    }
    StructType schema = joined.schema();
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < left.width(); i++) {
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
