package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/** {@code child IS NULL}, or {@code child IS NOT NULL} when {@code negated}; never null. */
public record IsNull(Expression child, boolean negated) implements UnaryExpression {
  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new IsNull(newChild, negated);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector v = child.evaluate(input, ctx);
    int n = v.size();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = v.isNull(i) != negated;
    }
    return new BooleanVector(out, null, n);
  }

  @Override
  public String sql() {
    return "(" + child.sql() + (negated ? " IS NOT NULL)" : " IS NULL)");
  }
}
