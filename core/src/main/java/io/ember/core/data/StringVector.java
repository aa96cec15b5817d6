package io.ember.core.data;

import io.ember.core.types.DataTypes;
import java.nio.charset.StandardCharsets;

/**
 * A vector of strings stored as UTF-8 bytes in the layout of {@link BytesVector}. Equality, hashing and ordering
 * work on the bytes without decoding (UTF-8 byte order is code point order, which is how Spark orders strings).
 */
public final class StringVector extends BytesVector {
  /** Wraps the arrays (not copied). {@code offsets} has {@code size + 1} entries. */
  public StringVector(byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    super(DataTypes.STRING, bytes, offsets, nulls, size);
  }

  /** A vector of the given Java strings (null entries are nulls). */
  public static StringVector of(String... values) {
    VectorBuilder b = VectorBuilder.forType(DataTypes.STRING, values.length);
    for (String v : values) {
      b.append(v);
    }
    return (StringVector) b.build();
  }

  public String getString(int row) {
    return new String(bytes(), start(row), byteLength(row), StandardCharsets.UTF_8);
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : getString(row);
  }
}
