package io.ember.core.expr;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import java.util.List;

/**
 * {@code element_at(array, index)}: 1-based, negative indexes count from the end. Index 0 is always an
 * error ({@code INVALID_INDEX_OF_ZERO}); an index beyond the array raises
 * {@code INVALID_ARRAY_INDEX_IN_ELEMENT_AT} under ANSI and gives null otherwise.
 */
public record ElementAt(Expression array, Expression index) implements ArrayElementAccess {
  @Override
  public Expression withChildren(List<Expression> c) {
    return new ElementAt(c.get(0), c.get(1));
  }

  @Override
  public int elementOffset(int k, int len, EvalContext ctx) {
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
      return -1;
    }
    return k > 0 ? k - 1 : len + k;
  }

  @Override
  public String sql() {
    return "element_at(" + array.sql() + ", " + index.sql() + ")";
  }
}
