package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.ArrayType;
import java.util.List;

/** {@code array(e1, e2, ...)}: one array per row of the children's values (children share the element type). Never null. */
public record CreateArray(List<Expression> children, ArrayType dataType) implements Expression {
  public CreateArray {
    children = List.copyOf(children);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new CreateArray(c, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector[] parts = new ColumnVector[children.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = children.get(k).evaluate(input, ctx);
    }
    VectorBuilder.Arrays b = (VectorBuilder.Arrays) VectorBuilder.forType(dataType, n);
    VectorBuilder elements = b.elements();
    for (int i = 0; i < n; i++) {
      for (ColumnVector p : parts) {
        elements.appendFrom(p, i);
      }
      b.endArray();
    }
    return b.build();
  }

  @Override
  public String sql() {
    return Expressions.callSql("array", children);
  }
}
