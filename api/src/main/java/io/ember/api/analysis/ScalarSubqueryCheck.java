package io.ember.api.analysis;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * The value of an uncorrelated scalar subquery, computed as {@code first(value)} and {@code count(*)} over the
 * subquery's rows: the value when {@code rows} is at most one (null for none), Spark's
 * {@code SCALAR_SUBQUERY_TOO_MANY_ROWS} when it is more.
 */
record ScalarSubqueryCheck(Expression rows, Expression value) implements Expression {
  @Override
  public DataType dataType() {
    return value.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(rows, value);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new ScalarSubqueryCheck(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    LongVector counts = (LongVector) rows.evaluate(input, context);
    for (int i = 0; i < counts.size(); i++) {
      if (!counts.isNull(i) && counts.getLong(i) > 1) {
        throw new EmberRuntimeException("SCALAR_SUBQUERY_TOO_MANY_ROWS",
            "More than one row returned by a subquery used as an expression.");
      }
    }
    return value.evaluate(input, context);
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    return "scalarsubquery(" + value.sql() + ")";
  }
}
