package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;

/**
 * A unary expression that only marks its child for the planner and the optimizer: its type, nullability, values and
 * SQL text are the child's. An implementation says what the mark changes, for instance that the expression is not
 * {@link #foldable()} or not {@link #deterministic()}. Examples: a session window key, a user-defined function
 * marked nondeterministic.
 */
public interface MarkerExpression extends UnaryExpression {
  @Override
  default DataType dataType() {
    return child().dataType();
  }

  @Override
  default boolean nullable() {
    return child().nullable();
  }

  /** The child's values, unchanged. */
  @Override
  default ColumnVector evaluate(Batch input, EvalContext context) {
    return child().evaluate(input, context);
  }

  @Override
  default String sql() {
    return child().sql();
  }
}
