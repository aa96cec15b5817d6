package io.ember.core.types;

/** The boolean type. Use {@link DataTypes}. */
public record BooleanType() implements DataType {
  @Override
  public String simpleString() {
    return "boolean";
  }

  @Override
  public String typeName() {
    return "boolean";
  }

  @Override
  public String toString() {
    return "BooleanType";
  }
}
