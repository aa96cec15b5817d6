package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.Cast;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.UnaryExpression;
import io.ember.core.types.DataType;

/**
 * A conversion of a string, date or timestamp to the date or timestamp {@code dataType}: the implicit
 * cast Spark inserts for date/time functions ({@code year('2024-01-31')}, {@code function} null), or
 * {@code to_date(x)}/{@code to_timestamp(x)} without a pattern ({@code function} names it). Evaluates as
 * {@link Cast} (ANSI: a malformed string raises {@code CAST_INVALID_INPUT}; legacy: null; timestamps
 * become dates in the session zone). {@link #sql()} is {@code function(child)}, or the child's own for an
 * implicit cast, so generated column names read as in Spark.
 */
public record AsDateTime(Expression child, DataType dataType, String function) implements UnaryExpression {
  /** The implicit cast of {@code child} to {@code dataType}. */
  public AsDateTime(Expression child, DataType dataType) {
    this(child, dataType, null);
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new AsDateTime(newChild, dataType, function);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return new Cast(child, dataType).evaluate(input, context);
  }

  @Override
  public String sql() {
    return function == null ? child.sql() : function + "(" + child.sql() + ")";
  }
}
