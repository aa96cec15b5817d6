package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.util.List;

/**
 * Date arithmetic over int vectors: {@code date_add(date, days)}, {@code date_sub(date, days)},
 * {@code datediff(end, start)} (end minus start in days) and {@code add_months(date, months)} (the
 * day is clamped to the end of a shorter month). Both children are ints or dates; null in, null out.
 */
public record DateArithmetic(Op op, Expression left, Expression right) implements Expression {
  /** The operation; {@code left} is the date (the end date for {@link #DATEDIFF}). */
  public enum Op {
    DATE_ADD("date_add"), DATE_SUB("date_sub"), DATEDIFF("datediff"), ADD_MONTHS("add_months");

    final String sqlName;

    Op(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  @Override
  public DataType dataType() {
    return op == Op.DATEDIFF ? DataTypes.INTEGER : DataTypes.DATE;
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new DateArithmetic(op, c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    IntVector l = (IntVector) left.evaluate(input, context);
    IntVector r = (IntVector) right.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (l.isNull(i) || r.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      int a = l.getInt(i);
      int b = r.getInt(i);
      out[i] = switch (op) {
        case DATE_ADD -> a + b;
        case DATE_SUB -> a - b;
        case DATEDIFF -> a - b;
        case ADD_MONTHS -> (int) LocalDate.ofEpochDay(a).plusMonths(b).toEpochDay();
      };
    }
    return new IntVector(dataType(), out, nulls, n);
  }

  @Override
  public String sql() {
    return op.sqlName + "(" + left.sql() + ", " + right.sql() + ")";
  }
}
