package io.ember.core.types;

/** The integer type. Use {@link DataTypes}. */
public record IntegerType() implements DataType {
  @Override
  public String simpleString() {
    return "int";
  }

  @Override
  public String typeName() {
    return "integer";
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public String toString() {
    return "IntegerType";
  }
}
