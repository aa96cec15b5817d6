package io.ember.bridge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A growable little-endian byte buffer the batch encoder writes into, with bulk writes of primitive arrays. */
final class LeBuffer {
  private ByteBuffer buf;

  LeBuffer(int initialCapacity) {
    buf = ByteBuffer.allocate(Math.max(64, initialCapacity)).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void ensure(long more) {
    long need = (long) buf.position() + more;
    if (need <= buf.capacity()) {
      return;
    }
    if (need > Frame.MAX_FRAME_BYTES) {
      throw new IllegalStateException("An encoded batch would exceed " + Frame.MAX_FRAME_BYTES + " bytes.");
    }
    long grown = Math.min(Frame.MAX_FRAME_BYTES, Math.max(need, buf.capacity() * 2L));
    ByteBuffer next = ByteBuffer.allocate((int) grown).order(ByteOrder.LITTLE_ENDIAN);
    buf.flip();
    next.put(buf);
    buf = next;
  }

  void putByte(int b) {
    ensure(1);
    buf.put((byte) b);
  }

  void putInt(int v) {
    ensure(4);
    buf.putInt(v);
  }

  void putInts(int[] values, int from, int count) {
    ensure(4L * count);
    buf.asIntBuffer().put(values, from, count);
    buf.position(buf.position() + 4 * count);
  }

  void putLongs(long[] values, int count) {
    ensure(8L * count);
    buf.asLongBuffer().put(values, 0, count);
    buf.position(buf.position() + 8 * count);
  }

  void putDoubles(double[] values, int count) {
    ensure(8L * count);
    buf.asDoubleBuffer().put(values, 0, count);
    buf.position(buf.position() + 8 * count);
  }

  void putBytes(byte[] bytes, int from, int count) {
    ensure(count);
    buf.put(bytes, from, count);
  }

  /** The bytes written so far (a copy when the buffer has spare capacity). */
  byte[] toByteArray() {
    if (buf.position() == buf.capacity()) {
      return buf.array();
    }
    byte[] out = new byte[buf.position()];
    System.arraycopy(buf.array(), 0, out, 0, out.length);
    return out;
  }
}
