package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * {@code array_contains(array, value)}: true when an element equals the value; null when the array or
 * the value is null, or when no element matches and some element is null; else false.
 */
public record ArrayContains(Expression array, Expression value) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(array, value);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new ArrayContains(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ArrayVector a = (ArrayVector) array.evaluate(input, ctx);
    ColumnVector v = value.evaluate(input, ctx);
    ColumnVector elements = a.elements();
    int n = input.numRows();
    boolean[] out = new boolean[n];
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (a.isNull(i) || v.isNull(i)) {
        nulls[i] = true;
        continue;
      }
      boolean sawNull = false;
      for (int j = a.start(i), end = j + a.length(i); j < end && !out[i]; j++) {
        if (elements.isNull(j)) {
          sawNull = true;
        } else if (elements.equalsAt(j, v, i)) {
          out[i] = true;
        }
      }
      nulls[i] = !out[i] && sawNull;
    }
    return VectorOps.booleans(out, nulls, n);
  }

  @Override
  public String sql() {
    return "array_contains(" + array.sql() + ", " + value.sql() + ")";
  }
}
