package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * One element of an array chosen by an integer index ({@link GetArrayItem}, {@link ElementAt}). The result has the
 * array's element type and is always nullable; a null array or index gives null. Implementations only say how an
 * index maps to a position within the array ({@link #elementOffset}); the evaluation over a batch is shared here.
 */
public interface ArrayElementAccess extends Expression {
  /** The array-typed operand. */
  Expression array();

  /** The INT-typed index operand. */
  Expression index();

  /**
   * The 0-based position within an array of {@code length} elements that {@code index} selects, or {@code -1} for a
   * null result; throws the implementation's typed error for an index it refuses (for example under ANSI).
   */
  int elementOffset(int index, int length, EvalContext ctx);

  @Override
  default DataType dataType() {
    return ((ArrayType) array().dataType()).elementType();
  }

  @Override
  default boolean nullable() {
    return true;
  }

  @Override
  default List<Expression> children() {
    return List.of(array(), index());
  }

  @Override
  default ColumnVector evaluate(Batch input, EvalContext ctx) {
    ArrayVector a = (ArrayVector) array().evaluate(input, ctx);
    IntVector idx = (IntVector) index().evaluate(input, ctx);
    int n = input.numRows();
    int[] choice = new int[n];
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      choice[i] = -1;
      if (a.isNull(i) || idx.isNull(i)) {
        continue;
      }
      int offset = elementOffset(idx.getInt(i), a.length(i), ctx);
      if (offset < 0) {
        continue;
      }
      choice[i] = 0;
      pos[i] = a.start(i) + offset;
    }
    return VectorOps.gather(dataType(), new ColumnVector[] {a.elements()}, choice, pos, n);
  }
}
