package io.ember.core.types;

/** The date type. Use {@link DataTypes}. */
public record DateType() implements DataType {
  @Override
  public String simpleString() {
    return "date";
  }

  @Override
  public String typeName() {
    return "date";
  }

  @Override
  public String toString() {
    return "DateType";
  }
}
