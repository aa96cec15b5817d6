package io.ember.core.types;

/**
 * The binary type: a sequence of bytes, as Spark's {@code BinaryType}. Values are {@code byte[]} in rows;
 * they compare unsigned byte by byte (a shorter prefix first), as Spark orders them. Use {@link DataTypes}.
 */
public record BinaryType() implements DataType {
  @Override
  public String simpleString() {
    return "binary";
  }

  @Override
  public String typeName() {
    return "binary";
  }

  @Override
  public String toString() {
    return "BinaryType";
  }
}
