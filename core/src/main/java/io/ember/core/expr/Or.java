package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/** SQL's three-valued {@code left OR right}; the right side is evaluated only where the left does not decide. */
public record Or(Expression left, Expression right) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Or(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    return Logic.evaluate(false, left, right, input, ctx);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " OR " + right.sql() + ")";
  }
}
