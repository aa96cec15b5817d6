package io.ember.core.expr.binary;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/**
 * The hash of Spark's {@code hash(...)} ({@link #MURMUR3}) and {@code xxhash64(...)} ({@link #XXHASH64}): how one
 * int, long or run of bytes is hashed with a given seed, the initial seed, and the result type. A running hash is
 * carried in a {@code long} for both; {@link #MURMUR3} uses its low 32 bits.
 */
public enum HashAlgorithm {
  /** Spark's {@code Murmur3_x86_32} with seed 42, an int result. */
  MURMUR3("hash", DataTypes.INTEGER) {
    @Override
    long hashInt(int value, long seed) {
      return Murmur3x86.hashInt(value, (int) seed);
    }

    @Override
    long hashLong(long value, long seed) {
      return Murmur3x86.hashLong(value, (int) seed);
    }

    @Override
    long hashBytes(byte[] bytes, int offset, int length, long seed) {
      return Murmur3x86.hashBytes(bytes, offset, length, (int) seed);
    }

    @Override
    ColumnVector results(long[] hashes, int rows) {
      int[] out = new int[rows];
      for (int i = 0; i < rows; i++) {
        out[i] = (int) hashes[i];
      }
      return new IntVector(DataTypes.INTEGER, out, null, rows);
    }
  },
  /** XXH64 with seed 42, a bigint result. */
  XXHASH64("xxhash64", DataTypes.LONG) {
    @Override
    long hashInt(int value, long seed) {
      return XxHash64.hashInt(value, seed);
    }

    @Override
    long hashLong(long value, long seed) {
      return XxHash64.hashLong(value, seed);
    }

    @Override
    long hashBytes(byte[] bytes, int offset, int length, long seed) {
      return XxHash64.hashBytes(bytes, offset, length, seed);
    }

    @Override
    ColumnVector results(long[] hashes, int rows) {
      return new LongVector(DataTypes.LONG, hashes, null, rows);
    }
  };

  /** The seed of the first argument, as Spark's: 42. */
  static final long SEED = 42;

  private final String functionName;
  private final DataType resultType;

  HashAlgorithm(String functionName, DataType resultType) {
    this.functionName = functionName;
    this.resultType = resultType;
  }

  /** The SQL function name: {@code hash} or {@code xxhash64}. */
  public String functionName() {
    return functionName;
  }

  /** INT for {@link #MURMUR3}, BIGINT for {@link #XXHASH64}. */
  public DataType resultType() {
    return resultType;
  }

  abstract long hashInt(int value, long seed);

  abstract long hashLong(long value, long seed);

  abstract long hashBytes(byte[] bytes, int offset, int length, long seed);

  /** The result vector of {@code rows} final hashes; it may keep {@code hashes}, which the caller gives up. */
  abstract ColumnVector results(long[] hashes, int rows);
}
