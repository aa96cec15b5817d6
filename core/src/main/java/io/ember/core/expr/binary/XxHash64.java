package io.ember.core.expr.binary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64, the 64-bit xxHash, reading input little-endian as the reference implementation and Spark's {@code XXH64}
 * (used by {@code xxhash64(...)}) do. An int or a long hashes as its four or eight bytes would. Stateless and
 * allocation-free.
 */
final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;
  /** The bytes consumed by one iteration of the four-lane loop. */
  private static final int STRIPE = 32;
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private XxHash64() {}

  /** The hash of one int, as of its four little-endian bytes. */
  static long hashInt(int input, long seed) {
    long h = seed + P5 + 4L;
    h ^= (input & 0xFFFFFFFFL) * P1;
    return avalanche(Long.rotateLeft(h, 23) * P2 + P3);
  }

  /** The hash of one long, as of its eight little-endian bytes. */
  static long hashLong(long input, long seed) {
    long h = seed + P5 + 8L;
    h ^= round(0, input);
    return avalanche(Long.rotateLeft(h, 27) * P1 + P4);
  }

  /** The hash of {@code length} bytes of {@code bytes} from {@code offset}. */
  static long hashBytes(byte[] bytes, int offset, int length, long seed) {
    int end = offset + length;
    int p = offset;
    long h;
    if (length >= STRIPE) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      do {
        v1 = round(v1, (long) LONG_LE.get(bytes, p));
        v2 = round(v2, (long) LONG_LE.get(bytes, p + 8));
        v3 = round(v3, (long) LONG_LE.get(bytes, p + 16));
        v4 = round(v4, (long) LONG_LE.get(bytes, p + 24));
        p += STRIPE;
      } while (p <= end - STRIPE);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = mergeRound(h, v1);
      h = mergeRound(h, v2);
      h = mergeRound(h, v3);
      h = mergeRound(h, v4);
    } else {
      h = seed + P5;
    }
    h += length;
    for (; p + 8 <= end; p += 8) {
      h ^= round(0, (long) LONG_LE.get(bytes, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (p + 4 <= end) {
      h ^= ((int) INT_LE.get(bytes, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    for (; p < end; p++) {
      h ^= (bytes[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    return avalanche(h);
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long mergeRound(long h, long v) {
    return (h ^ round(0, v)) * P1 + P4;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }
}
