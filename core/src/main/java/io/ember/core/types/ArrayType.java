package io.ember.core.types;

import java.util.Objects;

/** An array of {@code elementType} values; {@code containsNull} says whether elements may be null. */
public record ArrayType(DataType elementType, boolean containsNull) implements DataType {
  public ArrayType {
    Objects.requireNonNull(elementType, "elementType");
  }

  public ArrayType(DataType elementType) {
    this(elementType, true);
  }

  @Override
  public String simpleString() {
    return "array<" + elementType.simpleString() + ">";
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String toString() {
    return "ArrayType(" + elementType + "," + containsNull + ")";
  }
}
