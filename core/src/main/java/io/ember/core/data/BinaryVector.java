package io.ember.core.data;

import io.ember.core.types.DataTypes;

/**
 * A vector of binary values ({@code byte[]} in rows) in the layout of {@link BytesVector}; ordered unsigned byte
 * by byte, as Spark orders binary values.
 */
public final class BinaryVector extends BytesVector {
  /** Wraps the arrays (not copied). {@code offsets} has {@code size + 1} entries. */
  public BinaryVector(byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    super(DataTypes.BINARY, bytes, offsets, nulls, size);
  }

  /** A vector of the given byte arrays (null entries are nulls). */
  public static BinaryVector of(byte[]... values) {
    VectorBuilder b = VectorBuilder.forType(DataTypes.BINARY, values.length);
    for (byte[] v : values) {
      b.append(v);
    }
    return (BinaryVector) b.build();
  }

  /** A copy of the value at {@code row} (a non-null row). */
  public byte[] getBinary(int row) {
    return copyBytes(row);
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : copyBytes(row);
  }
}
