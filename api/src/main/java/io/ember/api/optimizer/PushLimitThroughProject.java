package io.ember.api.optimizer;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import java.util.List;

/**
 * Moves a limit below a deterministic projection ({@code orderBy(..).select(..).limit(n)} computes the
 * projection for {@code n} rows only), which also lets the planner turn a limit directly over a sort into a
 * top-N.
 */
final class PushLimitThroughProject implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformDown(plan, p -> {
      if (p instanceof ResolvedPlan.Limit l && l.child() instanceof ResolvedPlan.Project pr
          && Exprs.deterministic(pr.exprs())) {
        ResolvedPlan below = new ResolvedPlan.Limit(l.limit(), l.offset(), pr.child().output(), pr.child());
        return pr.withChildren(List.of(below));
      }
      return p;
    });
  }
}
