package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a filter's deterministic conjuncts to a scan whose source supports pushdown; the source then applies
 * them exactly ({@link SupportsPushdown#withFilters}) and the filter keeps only the rest.
 */
final class PushFiltersIntoScan implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> {
      if (!(p instanceof ResolvedPlan.Filter f) || !(f.child() instanceof ResolvedPlan.Scan s)
          || !(s.source() instanceof SupportsPushdown)) {
        return p;
      }
      List<Expression> pushed = new ArrayList<>();
      List<Expression> kept = new ArrayList<>();
      for (Expression c : f.conjuncts()) {
        (c.deterministic() ? pushed : kept).add(c);
      }
      if (pushed.isEmpty()) {
        return p;
      }
      ResolvedPlan scan = s.withPushedFilters(pushed);
      return kept.isEmpty() ? scan : new ResolvedPlan.Filter(kept, f.output(), scan);
    });
  }
}
