package io.ember.api.planner;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.planner.GraphBuilder.Input;
import io.ember.api.planner.GraphBuilder.Stage;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.calc.CalcSpec;
import io.ember.runtime.graph.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans {@code repartition} and {@code coalesce} ({@link ResolvedPlan.Repartition}) as a real exchange into a
 * new vertex of the requested task count, as Spark's {@code ShuffleExchange}:
 *
 * <ul>
 *   <li>{@code repartition(n, cols)}: a hash exchange on the key columns (key expressions that are not plain
 *       columns are appended for the exchange and dropped after it);
 *   <li>{@code repartition(n)}: a round-robin exchange;
 *   <li>{@code coalesce(n)}: nothing when the input already has at most {@code n} tasks; otherwise a gather
 *       into one task for {@code n = 1} and a round-robin exchange into {@code n} tasks above that. The runtime
 *       has no exchange that merges whole upstream partitions in place, so a coalesce moves rows as a
 *       round-robin exchange does, but never raises the partition count.
 * </ul>
 *
 * The vertex after the exchange runs an identity projection; stateless steps planned above it chain into it.
 */
final class RepartitionPlanner {
  private RepartitionPlanner() {}

  static Stage plan(GraphBuilder graph, PlannerSettings settings, Stage in, ResolvedPlan.Repartition r) {
    int n = r.numPartitions() > 0 ? r.numPartitions() : settings.shufflePartitions();
    StructType inSchema = in.schema();
    int width = inSchema.size();
    List<Expression> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>(inSchema.fieldNames());
    for (int i = 0; i < width; i++) {
      exprs.add(ref(inSchema, i));
    }
    if (!r.shuffle()) {
      if (in.parallelism() <= n) {
        return in;
      }
      Exchange exchange = n == 1 ? new Exchange.Gather() : new Exchange.RoundRobin();
      return graph.operator(CalcSpec.project(inSchema, exprs, names), n, List.of(new Input(in, 0, exchange)));
    }
    int[] hashColumns = new int[r.keys().size()];
    for (int i = 0; i < hashColumns.length; i++) {
      Expression k = r.keys().get(i);
      if (k instanceof ColumnRef c) {
        hashColumns[i] = c.index();
        continue;
      }
      names.add("__repartition_key_" + i);
      exprs.add(k);
      hashColumns[i] = exprs.size() - 1;
    }
    Stage keyed = exprs.size() == width ? in : graph.chain(in, CalcSpec.project(inSchema, exprs, names));
    Exchange exchange = hashColumns.length == 0 ? new Exchange.RoundRobin() : new Exchange.Hash(hashColumns);
    List<Expression> keep = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      keep.add(ref(keyed.schema(), i));
    }
    return graph.operator(CalcSpec.project(keyed.schema(), keep, inSchema.fieldNames()), n,
        List.of(new Input(keyed, 0, exchange)));
  }

  private static ColumnRef ref(StructType schema, int i) {
    StructField f = schema.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }
}
