package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.EvalContext;
import java.util.List;

/**
 * The rule-based optimizer. First, to a fixed point (bounded by {@link #MAX_ITERATIONS}): constant folding,
 * boolean simplification, filter combination and pushdown, projection merging, sorts nobody observes, limits below projections. Then, once: filters into
 * scans, projection pruning, and a last merge of the projections pruning left adjacent.
 */
public final class Optimizer {
  /** The most passes of the fixed-point rules. */
  public static final int MAX_ITERATIONS = 25;

  private final List<Rule> fixedPoint;
  private final List<Rule> once;

  public Optimizer(EvalContext context) {
    this.fixedPoint = List.of(new ConstantFolding(context), new BooleanSimplification(), new CombineFilters(),
        new PushDownPredicates(), new CombineProjects(), new EliminateSorts(), new PushLimitThroughProject());
    this.once = List.of(new PushFiltersIntoScan(), new PruneColumns(), new CombineProjects());
  }

  public ResolvedPlan optimize(ResolvedPlan plan) {
    ResolvedPlan current = plan;
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      ResolvedPlan next = current;
      for (Rule r : fixedPoint) {
        next = r.apply(next);
      }
      if (next.equals(current)) {
        break;
      }
      current = next;
    }
    for (Rule r : once) {
      current = r.apply(current);
    }
    return current;
  }
}
