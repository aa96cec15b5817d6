package io.ember.core.types;

import java.util.Objects;

/**
 * A map from {@code keyType} keys to {@code valueType} values, as Spark's {@code MapType}. Keys are never null;
 * {@code valueContainsNull} says whether values may be. Maps are neither comparable nor hashable in SQL: they cannot
 * be grouped, sorted, joined on or compared for equality (Spark's rule).
 */
public record MapType(DataType keyType, DataType valueType, boolean valueContainsNull) implements DataType {
  public MapType {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
  }

  public MapType(DataType keyType, DataType valueType) {
    this(keyType, valueType, true);
  }

  @Override
  public String simpleString() {
    return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
  }

  @Override
  public String typeName() {
    return "map";
  }

  @Override
  public String toString() {
    return "MapType(" + keyType + "," + valueType + "," + valueContainsNull + ")";
  }
}
