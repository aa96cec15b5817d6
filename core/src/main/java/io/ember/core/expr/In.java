package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (list...)}, all of one type (as {@link Expressions#in} arranges). True when some
 * element equals the value; otherwise null when the value or any element is null; else false. An empty
 * list gives false.
 * Literal elements are compared without being repeated per row.
 */
public record In(Expression value, List<Expression> list) implements Expression {
  public In {
    list = List.copyOf(list);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    if (list.isEmpty()) {
      return false;
    }
    if (value.nullable()) {
      return true;
    }
    for (Expression e : list) {
      if (e.nullable()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>(list.size() + 1);
    c.add(value);
    c.addAll(list);
    return c;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new In(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector v = value.evaluate(input, ctx);
    int n = input.numRows();
    int m = list.size();
    ColumnVector[] items = new ColumnVector[m];
    boolean[] constant = new boolean[m];
    for (int k = 0; k < m; k++) {
      Expression e = list.get(k);
      constant[k] = e instanceof Literal;
      items[k] = constant[k] ? ((Literal) e).repeat(1) : e.evaluate(input, ctx);
    }
    boolean[] out = new boolean[n];
    boolean[] nulls = new boolean[n];
    if (m == 0) {
      return new io.ember.core.data.BooleanVector(out, null, n);
    }
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      boolean sawNull = false;
      for (int k = 0; k < m && !out[i]; k++) {
        int row = constant[k] ? 0 : i;
        if (items[k].isNull(row)) {
          sawNull = true;
        } else if (v.equalsAt(i, items[k], row)) {
          out[i] = true;
        }
      }
      nulls[i] = !out[i] && sawNull;
    }
    return VectorOps.booleans(out, nulls, n);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("(").append(value.sql()).append(" IN (");
    for (int k = 0; k < list.size(); k++) {
      sb.append(k > 0 ? ", " : "").append(list.get(k).sql());
    }
    return sb.append("))").toString();
  }
}
