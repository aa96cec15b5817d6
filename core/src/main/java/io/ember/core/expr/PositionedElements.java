package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.MapVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * What {@code posexplode} explodes: an array's elements as {@code struct<pos: int, col: T>} or a map's entries as
 * {@code struct<pos: int, key: K, value: V>}, {@code pos} 0-based within its row; null for a null input. The
 * elements, keys and values are shared with the input, not copied.
 */
public record PositionedElements(Expression child) implements UnaryExpression {
  /** The struct type of one element of {@code t}'s positioned form. */
  public static StructType elementType(DataType t) {
    StructField pos = new StructField("pos", DataTypes.INTEGER, false);
    if (t instanceof MapType m) {
      return new StructType(List.of(pos, new StructField("key", m.keyType(), false),
          new StructField("value", m.valueType(), m.valueContainsNull())));
    }
    ArrayType a = (ArrayType) t;
    return new StructType(List.of(pos, new StructField("col", a.elementType(), a.containsNull())));
  }

  @Override
  public DataType dataType() {
    return new ArrayType(elementType(child.dataType()), false);
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new PositionedElements(newChild);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector v = child.evaluate(input, context);
    int n = v.size();
    boolean[] nulls = new boolean[n];
    int[] offsets;
    ColumnVector[] parts;
    if (v instanceof MapVector m) {
      offsets = m.offsets();
      parts = new ColumnVector[] {null, m.keys(), m.values()};
    } else if (v instanceof ArrayVector a) {
      offsets = a.offsets();
      parts = new ColumnVector[] {null, a.elements()};
    } else {
      offsets = new int[n + 1];
      java.util.Arrays.fill(nulls, true);
      parts = new ColumnVector[] {null, io.ember.core.data.VectorBuilder.forType(
          elementType(child.dataType()).field(1).dataType(), 0).build()};
      if (child.dataType() instanceof MapType mt) {
        parts = new ColumnVector[] {null, io.ember.core.data.VectorBuilder.forType(mt.keyType(), 0).build(),
            io.ember.core.data.VectorBuilder.forType(mt.valueType(), 0).build()};
      }
    }
    int total = parts[1].size();
    int[] positions = new int[total];
    for (int r = 0; r < n; r++) {
      nulls[r] |= v.isNull(r);
      if (!nulls[r]) {
        for (int j = offsets[r]; j < offsets[r + 1]; j++) {
          positions[j] = j - offsets[r];
        }
      }
    }
    parts[0] = new IntVector(DataTypes.INTEGER, positions, null, total);
    StructType et = elementType(child.dataType());
    return new ArrayVector(new ArrayType(et, false), offsets, new StructVector(et, parts, null, total), nulls, n);
  }

  @Override
  public String sql() {
    return "posexplode(" + child.sql() + ")";
  }
}
