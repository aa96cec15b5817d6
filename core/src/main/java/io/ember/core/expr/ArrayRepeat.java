package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.ArrayType;
import java.util.List;

/**
 * {@code array_repeat(element, count)}: an array holding {@code element} {@code count} times (Spark's
 * {@code ArrayRepeat}). A null count gives a null array; a count of zero or less gives an empty array.
 */
public record ArrayRepeat(Expression element, Expression count, ArrayType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return count.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(element, count);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new ArrayRepeat(c.get(0), c.get(1), dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector values = element.evaluate(input, ctx);
    IntVector counts = (IntVector) count.evaluate(input, ctx);
    VectorBuilder.Arrays b = (VectorBuilder.Arrays) VectorBuilder.forType(dataType, n);
    VectorBuilder elements = b.elements();
    for (int i = 0; i < n; i++) {
      if (counts.isNull(i)) {
        b.appendNull();
        continue;
      }
      for (int k = counts.getInt(i); k > 0; k--) {
        elements.appendFrom(values, i);
      }
      b.endArray();
    }
    return b.build();
  }

  @Override
  public String sql() {
    return "array_repeat(" + element.sql() + ", " + count.sql() + ")";
  }
}
