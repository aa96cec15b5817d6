package io.ember.core.expr.datetime;

import io.ember.core.expr.Expression;
import io.ember.core.expr.MarkerExpression;
import java.util.List;

/**
 * Marks the grouping key of an aggregation that is a session window: {@code window} (a per-row
 * {@link SessionWindow}, usually a reference to the column holding it) evaluates unchanged, but the
 * aggregation merges overlapping windows per value of its other keys instead of grouping by equal values.
 * Planners look for this marker to plan a session window aggregate; at most one key of an aggregation has it.
 */
public record SessionWindowKey(Expression window) implements MarkerExpression {
  /** The marked key: {@link #window}. */
  @Override
  public Expression child() {
    return window;
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new SessionWindowKey(newChild);
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
}
