package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.MapVector;
import io.ember.core.types.DataType;
import io.ember.core.types.MapType;
import java.util.List;

/**
 * {@code map[key]}, {@code element_at(map, key)} and {@code map_contains_key(map, key)}: the value of {@code key} (null
 * when the map, the key or the entry is missing, also under ANSI, as Spark 3.4+), or with {@code contains} whether the
 * key is there (null for a null map or key). {@code key} is already cast to the map's key type; {@code name} is the
 * function's name for {@link #sql()} ({@code null} renders {@code map[key]}).
 */
public record GetMapValue(Expression map, Expression key, boolean contains, String name) implements Expression {
  @Override
  public DataType dataType() {
    return contains ? io.ember.core.types.DataTypes.BOOLEAN : ((MapType) map.dataType()).valueType();
  }

  @Override
  public boolean nullable() {
    return !contains || map.nullable() || key.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(map, key);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new GetMapValue(c.get(0), c.get(1), contains, name);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    MapVector m = (MapVector) map.evaluate(input, ctx);
    ColumnVector k = key.evaluate(input, ctx);
    int n = input.numRows();
    int[] choice = new int[n];
    int[] pos = new int[n];
    boolean[] found = new boolean[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      choice[i] = -1;
      if (m.isNull(i) || k.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      for (int j = m.start(i), end = j + m.length(i); j < end; j++) {
        if (m.keys().equalsAt(j, k, i)) {
          choice[i] = 0;
          pos[i] = j;
          found[i] = true;
          break;
        }
      }
    }
    if (contains) {
      return VectorOps.booleans(found, nulls, n);
    }
    return VectorOps.gather(dataType(), new ColumnVector[] {m.values()}, choice, pos, n);
  }

  @Override
  public String sql() {
    return name == null ? map.sql() + "[" + key.sql() + "]" : name + "(" + map.sql() + ", " + key.sql() + ")";
  }
}
