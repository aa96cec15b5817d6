package io.ember.core.types;

/** The timestamp type. Use {@link DataTypes}. */
public record TimestampType() implements DataType {
  @Override
  public String simpleString() {
    return "timestamp";
  }

  @Override
  public String typeName() {
    return "timestamp";
  }

  @Override
  public String toString() {
    return "TimestampType";
  }
}
