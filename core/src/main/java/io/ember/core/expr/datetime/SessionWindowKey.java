package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * Marks the grouping key of an aggregation that is a session window: {@code window} (a per-row
 * {@link SessionWindow}, usually a reference to the column holding it) evaluates unchanged, but the
 * aggregation merges overlapping windows per value of its other keys instead of grouping by equal values.
 * Planners look for this marker to plan a session window aggregate; at most one key of an aggregation has it.
 */
public record SessionWindowKey(Expression window) implements Expression {
  @Override
  public DataType dataType() {
    return window.dataType();
  }

  @Override
  public boolean nullable() {
    return window.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(window);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new SessionWindowKey(newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return window.evaluate(input, context);
  }

  /** Never folded into a constant: merging depends on the other rows. */
  @Override
  public boolean foldable() {
    return false;
  }

  /** The index of the key with this marker in {@code keys}, or -1. */
  public static int indexIn(List<Expression> keys) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) instanceof SessionWindowKey) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String sql() {
    return window.sql();
  }
}
