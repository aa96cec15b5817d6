package io.ember.api.udf;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * {@code child}, marked nondeterministic ({@link UserDefinedFunction#asNondeterministic()} of a function bound
 * by another language's binder): evaluates as the child, but the optimizer neither folds it nor moves it
 * across other operators as if it always gave the same answer.
 */
record NondeterministicExpression(Expression child) implements Expression {
  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new NondeterministicExpression(newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return child.evaluate(input, context);
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    return child.sql();
  }
}
