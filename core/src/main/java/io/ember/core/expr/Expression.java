package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * A resolved, typed scalar expression evaluated over a whole {@link Batch} at a time. Column
 * references are by position in the input batch ({@link ColumnRef}); names are resolved before
 * expressions reach this layer.
 *
 * <p>Evaluation is vectorized: {@link #evaluate} returns one value per input row. Semantics are Spark 4's
 * with ANSI mode on by default ({@link EvalContext#ansi()}): three-valued logic, errors on overflow,
 * invalid casts and division by zero; with ANSI off, those give null instead.
 *
 * <p>Implementations are immutable records; {@link #withChildren} returns a rewritten copy. They are
 * thread-safe and shared between tasks.
 */
public interface Expression {
  DataType dataType();

  /** False guarantees the result is never null. */
  boolean nullable();

  List<Expression> children();

  /** A copy with new children (same arity, same order as {@link #children()}). */
  Expression withChildren(List<Expression> newChildren);

  /** One result per row of {@code input}; the result's size is {@code input.numRows()}. */
  ColumnVector evaluate(Batch input, EvalContext context);

  /** True when the value never changes between calls with the same input (false for rand, current_timestamp). */
  default boolean deterministic() {
    for (Expression c : children()) {
      if (!c.deterministic()) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when the planner may evaluate this expression once, ahead of the query, if all its inputs are
   * constants (constant folding). Default: its {@link #deterministic()} value. User-defined functions answer
   * false, as in Spark: they run only when rows reach them.
   */
  default boolean foldable() {
    return deterministic();
  }

  /** A human-readable rendering in Spark's style, used in {@code explain()} and error messages. */
  String sql();
}
