package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.Cast;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * The implicit cast Spark inserts for date/time functions: a string, date or timestamp argument
 * becomes the {@code target} date or timestamp ({@code year('2024-01-31')}). Evaluates as {@link Cast}
 * (ANSI: a malformed string raises {@code CAST_INVALID_INPUT}; legacy: null; timestamps become dates in
 * the session zone). Its {@link #sql()} is the child's, so generated column names read as in Spark.
 */
public record AsDateTime(Expression child, DataType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new AsDateTime(newChildren.get(0), dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return new Cast(child, dataType).evaluate(input, context);
  }

  @Override
  public String sql() {
    return child.sql();
  }
}
