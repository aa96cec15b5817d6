package io.ember.core.expr;

import io.ember.core.errors.EmberRuntimeException;
import java.util.List;

/**
 * {@code array[index]} ({@code col.getItem(i)}): 0-based. An index outside the array raises
 * {@code INVALID_ARRAY_INDEX} under ANSI (Spark 4's default) and gives null otherwise; a null array or index
 * gives null.
 */
public record GetArrayItem(Expression array, Expression index) implements ArrayElementAccess {
  @Override
  public Expression withChildren(List<Expression> c) {
    return new GetArrayItem(c.get(0), c.get(1));
  }

  @Override
  public int elementOffset(int k, int len, EvalContext ctx) {
    if (k < 0 || k >= len) {
      if (ctx.ansi()) {
        throw new EmberRuntimeException("INVALID_ARRAY_INDEX", "The index " + k + " is out of bounds. The array"
            + " has " + len + " elements. Use the SQL function `get()` to tolerate accessing element at invalid"
            + " index and return NULL instead. If necessary set " + ExpressionErrors.ANSI_CONFIG + " to \"false\""
            + " to bypass this error.");
      }
      return -1;
    }
    return k;
  }

  @Override
  public String sql() {
    return array.sql() + "[" + index.sql() + "]";
  }
}
