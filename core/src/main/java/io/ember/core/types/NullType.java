package io.ember.core.types;

/** The void type. Use {@link DataTypes}. */
public record NullType() implements DataType {
  @Override
  public String simpleString() {
    return "void";
  }

  @Override
  public String typeName() {
    return "void";
  }

  @Override
  public String toString() {
    return "NullType";
  }
}
