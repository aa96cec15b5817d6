package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * {@code element_at(array, index)}: 1-based, negative indexes count from the end. Index 0 is always an
 * error ({@code INVALID_INDEX_OF_ZERO}); an index beyond the array raises
 * {@code INVALID_ARRAY_INDEX_IN_ELEMENT_AT} under ANSI and gives null otherwise.
 */
public record ElementAt(Expression array, Expression index) implements Expression {
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
    return new ElementAt(c.get(0), c.get(1));
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
      if (k == 0) {
        throw new EmberIllegalArgumentException("INVALID_INDEX_OF_ZERO",
            "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");
      }
      if (Math.abs((long) k) > len) {
        if (ctx.ansi()) {
          throw new EmberRuntimeException("INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
              "The index " + k + " is out of bounds. The array has " + len + " elements. Use `try_element_at` to"
                  + " tolerate accessing element at invalid index and return NULL instead. If necessary set "
                  + ExpressionErrors.ANSI_CONFIG + " to \"false\" to bypass this error.");
        }
        continue;
      }
      choice[i] = 0;
      pos[i] = a.start(i) + (k > 0 ? k - 1 : len + k);
    }
    return VectorOps.gather(dataType(), new ColumnVector[] {a.elements()}, choice, pos, n);
  }

  @Override
  public String sql() {
    return "element_at(" + array.sql() + ", " + index.sql() + ")";
  }
}
