package io.ember.api.udf;

import io.ember.core.expr.Expression;
import io.ember.core.expr.MarkerExpression;

/**
 * {@code child}, marked nondeterministic ({@link UserDefinedFunction#asNondeterministic()} of a function bound
 * by another language's binder): evaluates as the child, but the optimizer neither folds it nor moves it
 * across other operators as if it always gave the same answer.
 */
record NondeterministicExpression(Expression child) implements MarkerExpression {
  @Override
  public Expression withChild(Expression newChild) {
    return new NondeterministicExpression(newChild);
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public boolean foldable() {
    return false;
  }
}
