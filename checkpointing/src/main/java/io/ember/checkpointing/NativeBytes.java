package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A copy of bytes in native memory (outside the Java heap, not counted against {@code -Xmx} nor
 * {@code -XX:MaxDirectMemorySize}), freed explicitly by {@link #free}: large snapshot replicas held here cost the
 * garbage collector nothing. Uses {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, open to every module
 * without JVM flags); {@link #available()} is false on a JVM without it, and callers then keep their bytes on the
 * heap.
 *
 * <p>Thread-safe: {@link #read} and {@link #free} exclude each other, and a read after the free returns null, so
 * a reader never touches freed memory.
 */
final class NativeBytes {
  private static final sun.misc.Unsafe UNSAFE = unsafe();
  private static final long BYTE_ARRAY_OFFSET = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(byte[].class);

  private final long length;
  /** The memory's address; 0 once freed. Guarded by this object's monitor. */
  private long address;

  private NativeBytes(long length, long address) {
    this.length = length;
    this.address = address;
  }

  /** Whether native copies can be made in this JVM. */
  static boolean available() {
    return UNSAFE != null;
  }

  /**
   * A native copy of {@code bytes}.
   *
   * @throws IllegalStateException when native copies are not {@link #available()}
   * @throws OutOfMemoryError when the operating system has no memory for it
   */
  static NativeBytes copyOf(ChunkedBytes bytes) {
    return filled(bytes.length(), bytes::writeTo);
  }

  /**
   * Native memory for {@code length} bytes, filled by {@code fill} (which writes them in order) before it is
   * returned.
   *
   * @throws IllegalStateException when native copies are not {@link #available()}, or {@code fill} wrote another
   *     number of bytes
   * @throws OutOfMemoryError when the operating system has no memory for it
   */
  static NativeBytes filled(long length, Consumer<ChunkedBytes.PieceSink> fill) {
    if (UNSAFE == null) {
      throw new IllegalStateException("Native memory is not available in this JVM (no sun.misc.Unsafe)");
    }
    long address = UNSAFE.allocateMemory(Math.max(1, length));
    long[] at = {0};
    try {
      fill.accept((bytes, offset, n) -> {
        if (at[0] + n > length) {
          throw new IllegalStateException("More than the " + length + " bytes announced were written");
        }
        UNSAFE.copyMemory(bytes, BYTE_ARRAY_OFFSET + offset, null, address + at[0], n);
        at[0] += n;
      });
      if (at[0] != length) {
        throw new IllegalStateException(at[0] + " bytes were written, not the " + length + " announced");
      }
    } catch (RuntimeException | Error e) {
      UNSAFE.freeMemory(address);
      throw e;
    }
    return new NativeBytes(length, address);
  }

  /** The number of bytes held. */
  long length() {
    return length;
  }

  /**
   * A heap copy of the bytes in chunks of at most {@link ChunkedBytes#CHUNK_BYTES}, or null once {@link #free} ran.
   */
  synchronized ChunkedBytes read() {
    if (address == 0) {
      return null;
    }
    List<ChunkedBytes> chunks = new ArrayList<>((int) (length / ChunkedBytes.CHUNK_BYTES) + 1);
    for (long at = 0; at < length; ) {
      byte[] chunk = new byte[(int) Math.min(ChunkedBytes.CHUNK_BYTES, length - at)];
      UNSAFE.copyMemory(null, address + at, chunk, BYTE_ARRAY_OFFSET, chunk.length);
      chunks.add(ChunkedBytes.wrap(chunk));
      at += chunk.length;
    }
    return ChunkedBytes.concat(chunks);
  }

  /** Releases the memory; later reads return null. Idempotent. */
  synchronized void free() {
    if (address != 0) {
      UNSAFE.freeMemory(address);
      address = 0;
    }
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
