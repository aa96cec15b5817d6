package io.ember.operators.state;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;

/**
 * Encodes state sections into a Kryo {@link Output} ({@link #into}): var-ints (Kryo's unsigned encoding: seven bits a
 * byte, low bits first) and byte runs. Into the array of an output over one array, which it grows at once to the size
 * announced and writes without a bounds check per byte, or through the write methods of any other output (a
 * {@link ChunkedBytes.Writer}, as snapshots use, or one that streams), so that a section never needs an array of its
 * size.
 */
final class SectionWriter {
  private byte[] buffer;
  private int position;
  /** The output whose array this writes into, or null when writes go {@link #through}. */
  private final Output target;
  /** The output this writes through (its own methods), or null. */
  private final Output through;

  private SectionWriter(Output out) {
    target = null;
    through = out;
  }

  private SectionWriter(Output out, long bytes) {
    target = out;
    through = null;
    buffer = out.getBuffer();
    position = out.position();
    ensure((int) Math.min(Integer.MAX_VALUE - 16, bytes));
  }

  /**
   * A writer that appends to {@code out} directly. For an output over one array, with room for {@code bytes} more
   * bytes made now (one copy of the output's array at most, instead of its doublings), and {@link #finish} hands the
   * position back; for a {@link ChunkedBytes.Writer} or an output that streams to an {@code OutputStream}, through
   * the output's own write methods.
   */
  static SectionWriter into(Output out, long bytes) {
    if (out.getOutputStream() != null || out instanceof ChunkedBytes.Writer) {
      return new SectionWriter(out);
    }
    return new SectionWriter(out, bytes);
  }

  /** Ends a writer made by {@link #into}: {@code out} continues after what was written. */
  void finish(Output out) {
    if (target != null) {
      out.setPosition(position);
    }
  }

  /** The bytes {@code value} takes as a var-int. */
  static int varIntSize(int value) {
    return value >>> 7 == 0 ? 1 : value >>> 14 == 0 ? 2 : value >>> 21 == 0 ? 3 : value >>> 28 == 0 ? 4 : 5;
  }

  /** The bytes a key and its value (null: removed) take in a section. */
  static long entrySize(byte[] key, byte[] value) {
    return varIntSize(key.length) + key.length + (value == null ? 1 : varIntSize(value.length + 1) + value.length);
  }

  /** Appends {@code value} as Kryo's {@code writeVarInt(value, true)} does. */
  void varInt(int value) {
    if (through != null) {
      through.writeVarInt(value, true);
      return;
    }
    ensure(5);
    while ((value & ~0x7f) != 0) {
      buffer[position++] = (byte) ((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    buffer[position++] = (byte) value;
  }

  /** Appends the {@code length} bytes of {@code bytes} from {@code offset}. */
  void bytes(byte[] bytes, int offset, int length) {
    if (through != null) {
      through.writeBytes(bytes, offset, length);
      return;
    }
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

  private void ensure(int n) {
    if (buffer.length - position >= n) {
      return;
    }
    long max = target.getMaxCapacity();
    if ((long) position + n > max) {
      throw new KryoException("Buffer overflow. Max capacity: " + max + ", required: " + ((long) position + n));
    }
    buffer = Arrays.copyOf(buffer, (int) Math.min(max, Math.max(buffer.length * 2L, (long) position + n)));
    target.setBuffer(buffer, target.getMaxCapacity());
  }
}
