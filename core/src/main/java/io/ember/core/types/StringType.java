package io.ember.core.types;

/** The string type. Use {@link DataTypes}. */
public record StringType() implements DataType {
  @Override
  public String simpleString() {
    return "string";
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String toString() {
    return "StringType";
  }
}
