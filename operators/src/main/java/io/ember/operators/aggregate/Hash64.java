package io.ember.operators.aggregate;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;

/**
 * 64-bit value hashes for HyperLogLog: equal values hash equally within a type, and the bits are uniform
 * enough that the leading ones can index registers. Numbers go through the SplitMix64 finalizer; strings
 * are hashed 8 bytes at a time with a multiply-xorshift mix. An int and a long of the same value hash equally.
 * Also the hash that spilling operators partition rows by ({@link io.ember.operators.memory.PartitionedSpill}).
 */
public final class Hash64 {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long M = 0xc6a4a7935bd1e995L;
  private static final long SEED = 42L;

  private Hash64() {}

  /** The SplitMix64 finalizer of {@code x} (seeded). */
  public static long mix(long x) {
    long z = x + GOLDEN + SEED;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Hashes rows {@code [0, numRows)} of {@code v} into {@code out}; null rows get an unspecified hash. */
  public static void hashAll(ColumnVector v, int numRows, long[] out) {
    if (v instanceof IntVector iv) {
      int[] x = iv.values();
      for (int i = 0; i < numRows; i++) {
        out[i] = mix(x[i]);
      }
    } else if (v instanceof LongVector lv) {
      long[] x = lv.values();
      for (int i = 0; i < numRows; i++) {
        out[i] = mix(x[i]);
      }
    } else if (v instanceof DoubleVector dv) {
      double[] x = dv.values();
      for (int i = 0; i < numRows; i++) {
        double d = x[i] == 0.0 ? 0.0 : x[i];
        out[i] = mix(Double.doubleToLongBits(d));
      }
    } else if (v instanceof BytesVector sv) {
      byte[] bytes = sv.bytes();
      for (int i = 0; i < numRows; i++) {
        out[i] = bytes(bytes, sv.start(i), sv.byteLength(i));
      }
    } else if (v instanceof BooleanVector bv) {
      for (int i = 0; i < numRows; i++) {
        out[i] = mix(bv.getBoolean(i) ? 1 : 0);
      }
    } else if (v instanceof DecimalVector dv) {
      for (int i = 0; i < numRows; i++) {
        out[i] = dv.isNull(i) ? 0 : mix(dv.getDecimal(i).stripTrailingZeros().hashCode() * 31L
            + dv.getDecimal(i).stripTrailingZeros().scale());
      }
    } else {
      for (int i = 0; i < numRows; i++) {
        out[i] = v.isNull(i) ? 0 : mix(v.hashAt(i));
      }
    }
  }

  static long bytes(byte[] b, int from, int len) {
    long h = SEED ^ (len * M);
    int i = from;
    int end = from + len;
    for (; i + 8 <= end; i += 8) {
      long k = (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24
          | (b[i + 4] & 0xffL) << 32 | (b[i + 5] & 0xffL) << 40 | (b[i + 6] & 0xffL) << 48 | (b[i + 7] & 0xffL) << 56;
      k *= M;
      k ^= k >>> 47;
      k *= M;
      h ^= k;
      h *= M;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (b[i] & 0xffL) << shift;
    }
    h ^= tail;
    h *= M;
    return mix(h);
  }
}
