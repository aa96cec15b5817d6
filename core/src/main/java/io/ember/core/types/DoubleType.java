package io.ember.core.types;

/** The double type. Use {@link DataTypes}. */
public record DoubleType() implements DataType {
  @Override
  public String simpleString() {
    return "double";
  }

  @Override
  public String typeName() {
    return "double";
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public String toString() {
    return "DoubleType";
  }
}
