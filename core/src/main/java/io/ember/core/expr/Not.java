package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/** {@code NOT child}: null stays null. */
public record Not(Expression child) implements UnaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new Not(newChild);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    BooleanVector v = (BooleanVector) child.evaluate(input, ctx);
    int n = v.size();
    boolean[] a = v.values();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = !a[i];
    }
    return new BooleanVector(out, VectorOps.copy(v.nullMask(), n), n);
  }

  @Override
  public String sql() {
    return "(NOT " + child.sql() + ")";
  }
}
