package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/** Merges a filter directly over another filter into one filter with both conjunct lists (lower ones first). */
final class CombineFilters implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> {
      if (p instanceof ResolvedPlan.Filter upper && upper.child() instanceof ResolvedPlan.Filter lower) {
        List<Expression> all = new ArrayList<>(lower.conjuncts());
        for (Expression c : upper.conjuncts()) {
          if (!all.contains(c)) {
            all.add(c);
          }
        }
        return new ResolvedPlan.Filter(all, upper.output(), lower.child());
      }
      return p;
    });
  }
}
