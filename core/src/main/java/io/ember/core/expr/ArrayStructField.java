package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StructVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;

/**
 * Field {@code ordinal} of each struct of an array of structs ({@code arr.f}, Spark's {@code GetArrayStructFields}):
 * an array as long as the input, holding null where a struct is null; null where the array is null.
 */
public record ArrayStructField(Expression child, int ordinal, String name) implements UnaryExpression {
  private StructField field() {
    return ((StructType) ((ArrayType) child.dataType()).elementType()).field(ordinal);
  }

  @Override
  public DataType dataType() {
    ArrayType at = (ArrayType) child.dataType();
    return new ArrayType(field().dataType(), at.containsNull() || field().nullable());
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new ArrayStructField(newChild, ordinal, name);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector v = child.evaluate(input, context);
    int n = v.size();
    ArrayType type = (ArrayType) dataType();
    if (!(v instanceof ArrayVector a)) {
      VectorBuilder nulls = VectorBuilder.forType(type, n);
      for (int i = 0; i < n; i++) {
        nulls.appendNull();
      }
      return nulls.build();
    }
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      nulls[i] = a.isNull(i);
    }
    return new ArrayVector(type, a.offsets(), fieldValues(a.elements()), nulls, n);
  }

  /** The field of every element, null where the element is null (shared with the input when none is). */
  private ColumnVector fieldValues(ColumnVector elements) {
    int total = elements.size();
    if (elements instanceof StructVector s) {
      boolean anyNull = false;
      for (int j = 0; j < total && !anyNull; j++) {
        anyNull = s.isNull(j);
      }
      if (!anyNull) {
        return s.child(ordinal);
      }
    }
    VectorBuilder b = VectorBuilder.forType(field().dataType(), total);
    for (int j = 0; j < total; j++) {
      if (elements instanceof StructVector s && !s.isNull(j)) {
        b.appendFrom(s.child(ordinal), j);
      } else {
        b.appendNull();
      }
    }
    return b.build();
  }

  @Override
  public String sql() {
    return child.sql() + "." + name;
  }
}
