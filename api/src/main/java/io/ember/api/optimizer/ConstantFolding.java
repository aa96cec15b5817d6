package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expressions;

/**
 * Evaluates constant sub-expressions once, at planning ({@code 1 + 2} becomes {@code 3}). A constant whose
 * evaluation fails (a division by zero in ANSI mode) is left as it is, so it fails only if a row reaches it.
 */
final class ConstantFolding implements Rule {
  private final EvalContext context;

  ConstantFolding(EvalContext context) {
    this.context = context;
  }

  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> PlanExprs.map(p, e -> Expressions.foldConstants(e, context)));
  }
}
