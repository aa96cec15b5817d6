package io.ember.core.data;

import io.ember.core.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A vector of strings stored as UTF-8 bytes: row {@code i} is {@code bytes[offsets[i] .. offsets[i+1])}.
 * Equality, hashing and ordering work on the bytes without decoding (UTF-8 byte order is code point
 * order, which is how Spark orders strings).
 */
public final class StringVector extends ColumnVector {
  private final byte[] bytes;
  private final int[] offsets;

  /** Wraps the arrays (not copied). {@code offsets} has {@code size + 1} entries. */
  public StringVector(byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    super(DataTypes.STRING, size, nulls);
    this.bytes = bytes;
    this.offsets = offsets;
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
    return new String(bytes, offsets[row], offsets[row + 1] - offsets[row], StandardCharsets.UTF_8);
  }

  /** The shared byte array; callers must not modify it. */
  public byte[] bytes() {
    return bytes;
  }

  /** The offsets array ({@code size + 1} entries); callers must not modify it. */
  public int[] offsets() {
    return offsets;
  }

  public int start(int row) {
    return offsets[row];
  }

  public int byteLength(int row) {
    return offsets[row + 1] - offsets[row];
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : getString(row);
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    int total = 0;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0) {
        total += offsets[r + 1] - offsets[r];
      }
    }
    byte[] out = new byte[total];
    int[] outOffsets = new int[count + 1];
    int pos = 0;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0) {
        int len = offsets[r + 1] - offsets[r];
        System.arraycopy(bytes, offsets[r], out, pos, len);
        pos += len;
      }
      outOffsets[k + 1] = pos;
    }
    return new StringVector(out, outOffsets, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    int h = 0x9747b28c;
    for (int i = offsets[row], end = offsets[row + 1]; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    return mix(h);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    StringVector o = (StringVector) other;
    return Arrays.equals(bytes, offsets[row], offsets[row + 1], o.bytes, o.offsets[otherRow], o.offsets[otherRow + 1]);
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    StringVector o = (StringVector) other;
    return Arrays.compareUnsigned(
        bytes, offsets[row], offsets[row + 1], o.bytes, o.offsets[otherRow], o.offsets[otherRow + 1]);
  }
}
