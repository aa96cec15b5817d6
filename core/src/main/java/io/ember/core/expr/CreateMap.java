package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.MapType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code map(k1, v1, k2, v2, ...)} ({@code create_map}): one map per row with the entries in argument order. Never
 * null; a null key fails with {@code NULL_MAP_KEY}, a repeated one with {@code DUPLICATED_MAP_KEY}. Keys and values
 * are already cast to {@code dataType}'s key and value types.
 */
public record CreateMap(List<Expression> keys, List<Expression> values, MapType dataType) implements Expression {
  public CreateMap {
    keys = List.copyOf(keys);
    values = List.copyOf(values);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      all.add(keys.get(i));
      all.add(values.get(i));
    }
    return all;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    List<Expression> k = new ArrayList<>();
    List<Expression> v = new ArrayList<>();
    for (int i = 0; i < c.size(); i += 2) {
      k.add(c.get(i));
      v.add(c.get(i + 1));
    }
    return new CreateMap(k, v, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector[] k = new ColumnVector[keys.size()];
    ColumnVector[] v = new ColumnVector[values.size()];
    for (int j = 0; j < k.length; j++) {
      k[j] = keys.get(j).evaluate(input, ctx);
      v[j] = values.get(j).evaluate(input, ctx);
    }
    VectorBuilder.Maps out = (VectorBuilder.Maps) VectorBuilder.forType(dataType, n);
    MapValues entries = new MapValues(out, ctx);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k.length; j++) {
        entries.put(k[j], i, v[j], i);
      }
      entries.end();
    }
    return out.build();
  }

  @Override
  public String sql() {
    return Expressions.callSql("map", children());
  }
}
