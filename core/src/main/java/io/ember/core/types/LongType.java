package io.ember.core.types;

/** The long type. Use {@link DataTypes}. */
public record LongType() implements DataType {
  @Override
  public String simpleString() {
    return "bigint";
  }

  @Override
  public String typeName() {
    return "long";
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public String toString() {
    return "LongType";
  }
}
