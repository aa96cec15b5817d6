package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code date + interval} or {@code date - interval} for a year-month interval, as Spark's
 * {@code DateAddYMInterval}: a date, the day clamped to the end of a shorter month ({@code 2024-01-31 + INTERVAL
 * '1' MONTH} is {@code 2024-02-29}). A result outside the date range raises {@code ARITHMETIC_OVERFLOW}.
 *
 * @param date a date
 * @param interval a year-month interval
 * @param subtract true for {@code -}
 */
public record DateAddYearMonthInterval(Expression date, Expression interval, boolean subtract) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.DATE;
  }

  @Override
  public boolean nullable() {
    return date.nullable() || interval.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(date, interval);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new DateAddYearMonthInterval(c.get(0), c.get(1), subtract);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    IntVector d = (IntVector) date.evaluate(input, context);
    IntVector m = (IntVector) interval.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (d.isNull(i) || m.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      long months = subtract ? -(long) m.getInt(i) : m.getInt(i);
      try {
        out[i] = Math.toIntExact(LocalDate.ofEpochDay(d.getInt(i)).plusMonths(months).toEpochDay());
      } catch (ArithmeticException | DateTimeException e) {
        throw ExpressionErrors.arithmeticOverflow("integer overflow", subtract ? "try_subtract" : "try_add");
      }
    }
    return new IntVector(DataTypes.DATE, out, nulls, n);
  }

  @Override
  public String sql() {
    return "(" + date.sql() + (subtract ? " - " : " + ") + interval.sql() + ")";
  }
}
