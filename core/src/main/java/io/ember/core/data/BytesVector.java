package io.ember.core.data;

import io.ember.core.types.BinaryType;
import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import java.util.Arrays;

/**
 * A vector of variable-length byte sequences in one array: row {@code i} is
 * {@code bytes[offsets[i] .. offsets[i+1])}. Strings ({@link StringVector}, UTF-8) and binaries
 * ({@link BinaryVector}) share this layout, so taking rows, hashing, equality and ordering work on the bytes
 * alone: ordering is unsigned byte by byte, a prefix first, which is code point order for UTF-8 strings and
 * Spark's order of binary values. Two vectors compare only with a vector of the same type.
 */
public abstract sealed class BytesVector extends ColumnVector permits StringVector, BinaryVector {
  private final byte[] bytes;
  private final int[] offsets;

  BytesVector(DataType type, byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    super(type, size, nulls);
    this.bytes = bytes;
    this.offsets = offsets;
  }

  /**
   * Wraps the arrays (not copied) as a vector of {@code type}, a string or binary type. {@code offsets} has
   * {@code size + 1} entries.
   */
  public static BytesVector wrap(DataType type, byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    if (type instanceof StringType) {
      return new StringVector(bytes, offsets, nulls, size);
    } else if (type instanceof BinaryType) {
      return new BinaryVector(bytes, offsets, nulls, size);
    }
    throw new IllegalArgumentException("No byte vector for type " + type);
  }

  /** The shared byte array; callers must not modify it. */
  public final byte[] bytes() {
    return bytes;
  }

  /** The offsets array ({@code size + 1} entries); callers must not modify it. */
  public final int[] offsets() {
    return offsets;
  }

  public final int start(int row) {
    return offsets[row];
  }

  public final int byteLength(int row) {
    return offsets[row + 1] - offsets[row];
  }

  /** A copy of row {@code row}'s bytes. */
  public final byte[] copyBytes(int row) {
    return Arrays.copyOfRange(bytes, offsets[row], offsets[row + 1]);
  }

  @Override
  public final ColumnVector take(int[] rows, int count) {
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
    return wrap(type, out, outOffsets, takeNulls(rows, count), count);
  }

  @Override
  public final int hashAt(int row) {
    int h = 0x9747b28c;
    for (int i = offsets[row], end = offsets[row + 1]; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    return mix(h);
  }

  @Override
  public final boolean equalsAt(int row, ColumnVector other, int otherRow) {
    BytesVector o = (BytesVector) other;
    return Arrays.equals(bytes, offsets[row], offsets[row + 1], o.bytes, o.offsets[otherRow], o.offsets[otherRow + 1]);
  }

  @Override
  public final int compareAt(int row, ColumnVector other, int otherRow) {
    BytesVector o = (BytesVector) other;
    return Arrays.compareUnsigned(
        bytes, offsets[row], offsets[row + 1], o.bytes, o.offsets[otherRow], o.offsets[otherRow + 1]);
  }
}
