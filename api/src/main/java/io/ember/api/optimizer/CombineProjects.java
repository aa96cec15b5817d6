package io.ember.api.optimizer;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;

/**
 * Merges a projection directly over another one by inlining the lower expressions into the upper ones
 * (when the lower ones are deterministic and no computed one would be evaluated twice), and removes a
 * projection that passes its child's columns through unchanged, names included.
 */
final class CombineProjects implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> {
      if (p instanceof ResolvedPlan.Project upper && upper.child() instanceof ResolvedPlan.Project lower
          && Exprs.deterministic(lower.exprs()) && noComputedColumnReusedTwice(upper, lower)) {
        p = new ResolvedPlan.Project(Exprs.inlineAll(upper.exprs(), lower.exprs()), upper.output(), lower.child());
      }
      if (p instanceof ResolvedPlan.Project pr && isIdentity(pr)) {
        return pr.child();
      }
      return p;
    });
  }

  /**
   * True when inlining duplicates no computation: every lower column that is more than a column or a literal
   * is read at most once above (so chains of {@code withColumn} reading earlier columns cannot grow
   * exponentially).
   */
  private static boolean noComputedColumnReusedTwice(ResolvedPlan.Project upper, ResolvedPlan.Project lower) {
    return inlinesOnce(upper.exprs(), lower.exprs());
  }

  /** True when inlining {@code lower} into {@code upper} evaluates no computed lower expression twice. */
  static boolean inlinesOnce(java.util.List<Expression> upper, java.util.List<Expression> lower) {
    int[] uses = new int[lower.size()];
    for (Expression e : upper) {
      countRefs(e, uses);
    }
    for (int i = 0; i < uses.length; i++) {
      Expression e = lower.get(i);
      if (uses[i] > 1 && !(e instanceof ColumnRef) && !(e instanceof io.ember.core.expr.Literal)) {
        return false;
      }
    }
    return true;
  }

  private static void countRefs(Expression e, int[] uses) {
    if (e instanceof ColumnRef c) {
      uses[c.index()]++;
      return;
    }
    for (Expression child : e.children()) {
      countRefs(child, uses);
    }
  }

  static boolean isIdentity(ResolvedPlan.Project p) {
    if (p.exprs().size() != p.child().output().size()) {
      return false;
    }
    for (int i = 0; i < p.exprs().size(); i++) {
      if (!(p.exprs().get(i) instanceof ColumnRef c) || c.index() != i
          || !p.output().get(i).name().equals(p.child().output().get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
