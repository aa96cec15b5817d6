package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.MapVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * {@code map_keys(m)}, {@code map_values(m)} and {@code map_entries(m)} (an array of {@code struct<key, value>}): the
 * map's parts as arrays in entry order, sharing the map's vectors; null for a null map.
 */
public record MapParts(Expression map, Part part) implements Expression {
  /** Which part of the map. */
  public enum Part { KEYS, VALUES, ENTRIES }

  /** The struct of one {@code map_entries} element. */
  public static StructType entryType(MapType t) {
    return DataTypes.struct(DataTypes.field("key", t.keyType(), false),
        DataTypes.field("value", t.valueType(), t.valueContainsNull()));
  }

  @Override
  public DataType dataType() {
    MapType t = (MapType) map.dataType();
    return switch (part) {
      case KEYS -> new ArrayType(t.keyType(), false);
      case VALUES -> new ArrayType(t.valueType(), t.valueContainsNull());
      case ENTRIES -> new ArrayType(entryType(t), false);
    };
  }

  @Override
  public boolean nullable() {
    return map.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(map);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new MapParts(c.get(0), part);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    MapVector m = (MapVector) map.evaluate(input, ctx);
    ColumnVector elements = switch (part) {
      case KEYS -> m.keys();
      case VALUES -> m.values();
      case ENTRIES -> new StructVector(entryType(m.mapType()), new ColumnVector[] {m.keys(), m.values()}, null,
          m.keys().size());
    };
    return new ArrayVector((ArrayType) dataType(), m.offsets(), elements, m.nullMask(), m.size());
  }

  @Override
  public String sql() {
    return "map_" + part.name().toLowerCase(java.util.Locale.ROOT) + "(" + map.sql() + ")";
  }
}
