package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;

/**
 * A growable byte array that state sections are encoded into before one bulk copy to a Kryo {@link Output}: var-ints
 * (Kryo's unsigned encoding: seven bits a byte, low bits first) and byte runs without a bounds check per byte.
 */
final class SectionWriter {
  private byte[] buffer;
  private int position;

  /** An empty writer with room for {@code capacity} bytes before it grows. */
  SectionWriter(int capacity) {
    buffer = new byte[Math.max(16, capacity)];
  }

  /** Bytes written so far. */
  int size() {
    return position;
  }

  /** Appends {@code value} as Kryo's {@code writeVarInt(value, true)} does. */
  void varInt(int value) {
    ensure(5);
    while ((value & ~0x7f) != 0) {
      buffer[position++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
  }

  /** Appends the {@code length} bytes of {@code bytes} from {@code offset}. */
  void bytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, position, length);
    position += length;
  }

  /** Appends a key as the section format has it: var-int length, bytes. */
  void key(byte[] key) {
    varInt(key.length);
    bytes(key, 0, key.length);
  }

  /** Appends a value as the section format has it: var-int length + 1 and bytes, or 0 for null (removed). */
  void value(byte[] value) {
    if (value == null) {
      varInt(0);
    } else {
      varInt(value.length + 1);
      bytes(value, 0, value.length);
    }
  }

  /** Copies everything written to {@code out}. */
  void writeTo(Output out) {
    out.writeBytes(buffer, 0, position);
  }

  private void ensure(int n) {
    if (buffer.length - position < n) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(buffer.length * 2L,
          (long) position + n)));
    }
  }
}
