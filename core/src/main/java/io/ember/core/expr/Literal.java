package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.ValueFormat;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import java.util.List;

/**
 * A constant. {@code value} is a Java object as {@link ColumnVector#get(int)} returns for
 * {@code dataType} (Integer for int, LocalDate for date, ...), or null.
 */
public record Literal(Object value, DataType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return value == null;
  }

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
    return repeat(input.numRows());
  }

  /** A vector holding this value {@code rows} times. */
  public ColumnVector repeat(int rows) {
    VectorBuilder b = VectorBuilder.forType(dataType, rows);
    for (int i = 0; i < rows; i++) {
      b.append(value);
    }
    return b.build();
  }

  @Override
  public String sql() {
    if (value == null) {
      return "NULL";
    }
    return dataType instanceof StringType ? "'" + value + "'" : ValueFormat.toDisplayString(value);
  }
}
