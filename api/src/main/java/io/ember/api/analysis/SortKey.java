package io.ember.api.analysis;

import io.ember.core.expr.Expression;

/** A resolved sort key over the sort's input. */
public record SortKey(Expression expr, boolean ascending, boolean nullsFirst) {
  public String sql() {
    return expr.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
