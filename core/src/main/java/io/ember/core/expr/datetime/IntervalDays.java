package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * The whole days of a day-time interval as an int, as Spark's {@code ExtractANSIIntervalDays}: how
 * {@code date + INTERVAL '3' DAY} becomes {@code date_add(date, 3)}. Null in, null out.
 */
public record IntervalDays(Expression interval) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.INTEGER;
  }

  @Override
  public boolean nullable() {
    return interval.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(interval);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new IntervalDays(c.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    LongVector v = (LongVector) interval.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) (v.getLong(i) / IntervalFormat.MICROS_PER_DAY);
    }
    boolean[] nulls = v.nullMask();
    return new IntVector(DataTypes.INTEGER, out, nulls == null ? null : nulls.clone(), n);
  }

  @Override
  public String sql() {
    return interval.sql();
  }
}
