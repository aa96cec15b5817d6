package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * Spark's {@code window_time(window)}: the event time of a time or session window, its end minus one
 * microsecond (the latest time the window contains). Null window, null time.
 */
public record WindowTime(Expression window) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.TIMESTAMP;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(window);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new WindowTime(newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StructVector in = (StructVector) window.evaluate(input, context);
    ColumnVector end = in.child(1);
    int n = input.numRows();
    long[] out = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (in.isNull(i) || end.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
      } else {
        out[i] = ((LongVector) end).getLong(i) - 1;
      }
    }
    return new LongVector(DataTypes.TIMESTAMP, out, nulls, n);
  }

  @Override
  public String sql() {
    return "window_time(" + window.sql() + ")";
  }
}
