package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * {@code array[index]} ({@code col.getItem(i)}): 0-based. An index outside the array raises
 * {@code INVALID_ARRAY_INDEX} under ANSI (Spark 4's default) and gives null otherwise; a null array or index
 * gives null.
 */
public record GetArrayItem(Expression array, Expression index) implements Expression {
  @Override
  public DataType dataType() {
    return ((ArrayType) array.dataType()).elementType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(array, index);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new GetArrayItem(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ArrayVector a = (ArrayVector) array.evaluate(input, ctx);
    IntVector idx = (IntVector) index.evaluate(input, ctx);
    int n = input.numRows();
    int[] choice = new int[n];
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      choice[i] = -1;
      if (a.isNull(i) || idx.isNull(i)) {
        continue;
      }
      int k = idx.getInt(i);
      int len = a.length(i);
      if (k < 0 || k >= len) {
        if (ctx.ansi()) {
          throw new EmberRuntimeException("INVALID_ARRAY_INDEX", "The index " + k + " is out of bounds. The array"
              + " has " + len + " elements. Use the SQL function `get()` to tolerate accessing element at invalid"
              + " index and return NULL instead. If necessary set " + ExpressionErrors.ANSI_CONFIG + " to \"false\""
              + " to bypass this error.");
        }
        continue;
      }
      choice[i] = 0;
      pos[i] = a.start(i) + k;
    }
    return VectorOps.gather(dataType(), new ColumnVector[] {a.elements()}, choice, pos, n);
  }

  @Override
  public String sql() {
    return array.sql() + "[" + index.sql() + "]";
  }
}
