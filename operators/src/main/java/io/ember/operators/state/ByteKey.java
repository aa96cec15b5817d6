package io.ember.operators.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A byte array compared by content, for hash maps and sets of encoded keys.
 *
 * <p>Its hash mixes every byte, eight at a time (MurmurHash64A's multiply-xorshift steps, folded to 32 bits), so
 * keys that differ only in their last bytes — encoded ints and longs, the common case — spread over a table.
 * {@link Arrays#hashCode(byte[])} does not: one and a half million consecutive big-endian longs get about 29
 * thousand distinct values from it, and a {@link java.util.HashMap} of them degrades into tree bins.
 *
 * <p>The array is held by reference and must not change while the key is in use.
 */
public final class ByteKey {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long M = 0xc6a4a7935bd1e995L;
  private static final int R = 47;

  private final byte[] bytes;
  private final int hash;

  public ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = hash(bytes);
  }

  /** The key's bytes (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /** The content hash of {@code b}, the one {@link #hashCode()} returns for a key of these bytes. */
  public static int hash(byte[] b) {
    return hash(b, 0, b.length);
  }

  /** The content hash of the {@code n} bytes of {@code b} from {@code offset}: {@link #hash(byte[])} of a copy of them. */
  public static int hash(byte[] b, int offset, int n) {
    long h = 0x5bd1e995L ^ (n * M);
    int i = offset;
    int end = offset + n;
    for (; i + 8 <= end; i += 8) {
      long k = (long) LONGS.get(b, i);
      k *= M;
      k ^= k >>> R;
      k *= M;
      h ^= k;
      h *= M;
    }
    if (i < end) {
      long tail = 0;
      for (int shift = 0; i < end; i++, shift += 8) {
        tail |= (b[i] & 0xffL) << shift;
      }
      h ^= tail;
      h *= M;
    }
    h ^= h >>> R;
    h *= M;
    h ^= h >>> R;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey" + Arrays.toString(bytes);
  }
}
