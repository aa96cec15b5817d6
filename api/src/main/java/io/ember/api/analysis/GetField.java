package io.ember.api.analysis;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StructVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * Field {@code ordinal} of a struct value ({@code s.field}); null where the struct is null. What a nested
 * column name such as {@code address.city} resolves to.
 */
public record GetField(Expression child, int ordinal, String name) implements Expression {
  @Override
  public DataType dataType() {
    return ((StructType) child.dataType()).field(ordinal).dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable() || ((StructType) child.dataType()).field(ordinal).nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new GetField(newChildren.get(0), ordinal, name);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector v = child.evaluate(input, context);
    if (!(v instanceof StructVector s)) {
      VectorBuilder nulls = VectorBuilder.forType(dataType(), v.size());
      for (int i = 0; i < v.size(); i++) {
        nulls.appendNull();
      }
      return nulls.build();
    }
    ColumnVector field = s.child(ordinal);
    boolean anyNull = false;
    for (int i = 0; i < s.size() && !anyNull; i++) {
      anyNull = s.isNull(i);
    }
    if (!anyNull) {
      return field;
    }
    VectorBuilder b = VectorBuilder.forType(dataType(), s.size());
    for (int i = 0; i < s.size(); i++) {
      if (s.isNull(i)) {
        b.appendNull();
      } else {
        b.append(field.get(i));
      }
    }
    return b.build();
  }

  @Override
  public String sql() {
    return child.sql() + "." + name;
  }
}
