package io.ember.core.expr.binary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 32-bit MurmurHash3 (x86 variant) as Spark's {@code Murmur3_x86_32} computes it for {@code hash(...)}: blocks of
 * four bytes read little-endian, and then, unlike the reference algorithm, each trailing byte mixed in on its own as
 * a sign-extended int (Spark's {@code hashUnsafeBytes}, kept for compatibility with data hashed before Spark 2.3).
 * Inputs whose length is a multiple of four hash as the reference algorithm does. Stateless and allocation-free.
 */
final class Murmur3x86 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Murmur3x86() {}

  /** The hash of one int (four bytes). */
  static int hashInt(int input, int seed) {
    return fmix(mixH1(seed, mixK1(input)), 4);
  }

  /** The hash of one long: its low int, then its high int. */
  static int hashLong(long input, int seed) {
    int h1 = mixH1(seed, mixK1((int) input));
    h1 = mixH1(h1, mixK1((int) (input >>> 32)));
    return fmix(h1, 8);
  }

  /** The hash of {@code length} bytes of {@code bytes} from {@code offset}, with Spark's per-byte tail. */
  static int hashBytes(byte[] bytes, int offset, int length, int seed) {
    int aligned = length - length % 4;
    int h1 = seed;
    for (int i = 0; i < aligned; i += 4) {
      h1 = mixH1(h1, mixK1((int) INT_LE.get(bytes, offset + i)));
    }
    for (int i = aligned; i < length; i++) {
      h1 = mixH1(h1, mixK1(bytes[offset + i]));
    }
    return fmix(h1, length);
  }

  private static int mixK1(int k1) {
    return Integer.rotateLeft(k1 * C1, 15) * C2;
  }

  private static int mixH1(int h1, int k1) {
    return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
  }

  private static int fmix(int h1, int length) {
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }
}
