package io.ember.api.optimizer;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;

/**
 * Merges a projection directly over another one by inlining the lower expressions into the upper ones
 * (when the lower ones are deterministic, so that computing one twice cannot change a result), and removes a
 * projection that passes its child's columns through unchanged, names included.
 */
final class CombineProjects implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> {
      if (p instanceof ResolvedPlan.Project upper && upper.child() instanceof ResolvedPlan.Project lower
          && Exprs.deterministic(lower.exprs())) {
        p = new ResolvedPlan.Project(Exprs.inlineAll(upper.exprs(), lower.exprs()), upper.output(), lower.child());
      }
      if (p instanceof ResolvedPlan.Project pr && isIdentity(pr)) {
        return pr.child();
      }
      return p;
    });
  }

  static boolean isIdentity(ResolvedPlan.Project p) {
    if (p.exprs().size() != p.child().output().size()) {
      return false;
    }
    for (int i = 0; i < p.exprs().size(); i++) {
      if (!(p.exprs().get(i) instanceof io.ember.core.expr.ColumnRef c) || c.index() != i
          || !p.output().get(i).name().equals(p.child().output().get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
