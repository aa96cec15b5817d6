package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.MapType;
import java.util.List;

/**
 * {@code map_from_arrays(keys, values)}: the map pairing the two arrays element by element; null when either array
 * is null. Arrays of different lengths fail with {@code MAP_FROM_ARRAYS_LENGTH_MISMATCH} (Spark's message: the key and
 * value arrays must have the same length), a null key with {@code NULL_MAP_KEY}, a repeated key with
 * {@code DUPLICATED_MAP_KEY}.
 */
public record MapFromArrays(Expression keys, Expression values, MapType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return keys.nullable() || values.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(keys, values);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new MapFromArrays(c.get(0), c.get(1), dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ArrayVector k = (ArrayVector) keys.evaluate(input, ctx);
    ArrayVector v = (ArrayVector) values.evaluate(input, ctx);
    int n = input.numRows();
    VectorBuilder.Maps out = (VectorBuilder.Maps) VectorBuilder.forType(dataType, n);
    MapValues entries = new MapValues(out, ctx);
    for (int i = 0; i < n; i++) {
      if (k.isNull(i) || v.isNull(i)) {
        out.appendNull();
        continue;
      }
      if (k.length(i) != v.length(i)) {
        throw new EmberRuntimeException("MAP_FROM_ARRAYS_LENGTH_MISMATCH", "The key array and value array of"
            + " MapData must have the same length (" + k.length(i) + " keys, " + v.length(i) + " values).");
      }
      for (int j = 0; j < k.length(i); j++) {
        entries.put(k.elements(), k.start(i) + j, v.elements(), v.start(i) + j);
      }
      entries.end();
    }
    return out.build();
  }

  @Override
  public String sql() {
    return "map_from_arrays(" + keys.sql() + ", " + values.sql() + ")";
  }
}
