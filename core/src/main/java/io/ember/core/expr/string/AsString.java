package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.Cast;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.UnaryExpression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/**
 * The implicit cast of an atomic value to string that Spark inserts for string functions
 * ({@code upper(1)} is {@code upper(CAST(1 AS STRING))}); evaluates as {@link Cast} to string.
 * Its {@link #sql()} is the child's, so generated column names read as in Spark.
 */
public record AsString(Expression child) implements UnaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new AsString(newChild);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return new Cast(child, DataTypes.STRING).evaluate(input, context);
  }

  @Override
  public String sql() {
    return child.sql();
  }
}
