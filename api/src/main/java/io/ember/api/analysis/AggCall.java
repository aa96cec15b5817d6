package io.ember.api.analysis;

import io.ember.operators.aggregate.AggregateFunction;

/**
 * One aggregate function call of a resolved {@link ResolvedPlan.Aggregate}: the bound function (its inputs
 * read the aggregate's input) and the name of its result column.
 */
public record AggCall(AggregateFunction function, String name) {
  public String sql() {
    return function.sql();
  }

  /** True when both compute the same thing (same function over the same inputs). */
  public boolean sameAs(AggCall other) {
    return function.getClass().equals(other.function.getClass()) && function.sql().equals(other.function.sql())
        && function.inputs().equals(other.function.inputs());
  }
}
