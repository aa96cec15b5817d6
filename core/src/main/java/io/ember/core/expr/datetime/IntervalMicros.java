package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.UnaryExpression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/**
 * An interval string per row ({@link IntervalStrings}) as bigint microseconds: the dynamic gap of
 * {@code session_window}. A null, malformed or month-based interval gives null, as Spark's cast of a string
 * to an interval does when the row is then dropped from the sessions.
 */
public record IntervalMicros(Expression child) implements UnaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new IntervalMicros(newChild);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector in = child.evaluate(input, context);
    int n = input.numRows();
    long[] out = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      Long v = in.isNull(i) ? null : IntervalStrings.microsOrNull(in.get(i).toString());
      if (v == null) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
      } else {
        out[i] = v;
      }
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  @Override
  public String sql() {
    return child.sql();
  }
}
