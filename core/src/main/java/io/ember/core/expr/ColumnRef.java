package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import java.util.List;

/** The input column at {@code index}; {@code name} is for display only. */
public record ColumnRef(int index, String name, DataType dataType, boolean nullable) implements Expression {
  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return this;
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return input.column(index);
  }

  @Override
  public String sql() {
    return name;
  }
}
