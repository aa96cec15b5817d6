package io.ember.core.expr.binary;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.MapVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.StructVector;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Folds the values of a vector into running hashes with Spark's encoding of each type
 * ({@code InterpretedHashFunction.hash}): a null value leaves the hash as it is; a boolean is the int 1 or 0; int,
 * date and year-month interval values are ints; bigint, timestamp (microseconds) and day-time interval values are
 * longs; a double is its long bits, with -0.0 as 0.0 and every NaN as the canonical one; a string is its UTF-8 bytes
 * and a binary value its bytes; a decimal of precision up to {@value #MAX_LONG_DIGITS} is its unscaled long, a wider
 * one the two's-complement bytes of its unscaled value; an array is its elements in order, a struct its fields in
 * order and a map each key then its value, each hashed with the running hash as seed.
 */
final class VectorHashes {
  /** The widest decimal precision Spark hashes as an unscaled long ({@code Decimal.MAX_LONG_DIGITS}). */
  static final int MAX_LONG_DIGITS = 18;

  private VectorHashes() {}

  /**
   * Replaces {@code hashes[i]} with the hash of row {@code i} of {@code v} seeded with {@code hashes[i]}, for each
   * of {@code v}'s rows; null rows leave theirs unchanged. Flat types run as one loop over the vector's arrays.
   */
  static void fold(HashAlgorithm algorithm, ColumnVector v, long[] hashes) {
    int n = v.size();
    if (v instanceof NullVector) {
      return;
    } else if (v instanceof IntVector ints) {
      int[] values = ints.values();
      for (int i = 0; i < n; i++) {
        if (!v.isNull(i)) {
          hashes[i] = algorithm.hashInt(values[i], hashes[i]);
        }
      }
    } else if (v instanceof LongVector longs) {
      long[] values = longs.values();
      for (int i = 0; i < n; i++) {
        if (!v.isNull(i)) {
          hashes[i] = algorithm.hashLong(values[i], hashes[i]);
        }
      }
    } else if (v instanceof BytesVector bytes) {
      byte[] data = bytes.bytes();
      for (int i = 0; i < n; i++) {
        if (!v.isNull(i)) {
          hashes[i] = algorithm.hashBytes(data, bytes.start(i), bytes.byteLength(i), hashes[i]);
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (!v.isNull(i)) {
          hashes[i] = hash(algorithm, v, i, hashes[i]);
        }
      }
    }
  }

  /** The hash of the non-null value at {@code row} of {@code v}, seeded with {@code seed}. */
  static long hash(HashAlgorithm algorithm, ColumnVector v, int row, long seed) {
    if (v instanceof IntVector ints) {
      return algorithm.hashInt(ints.getInt(row), seed);
    } else if (v instanceof LongVector longs) {
      return algorithm.hashLong(longs.getLong(row), seed);
    } else if (v instanceof BytesVector bytes) {
      return algorithm.hashBytes(bytes.bytes(), bytes.start(row), bytes.byteLength(row), seed);
    } else if (v instanceof BooleanVector booleans) {
      return algorithm.hashInt(booleans.getBoolean(row) ? 1 : 0, seed);
    } else if (v instanceof DoubleVector doubles) {
      double d = doubles.getDouble(row);
      return algorithm.hashLong(d == 0.0 ? 0L : Double.doubleToLongBits(d), seed);
    } else if (v instanceof DecimalVector decimals) {
      return hashDecimal(algorithm, decimals, row, seed);
    } else if (v instanceof ArrayVector arrays) {
      return hashElements(algorithm, arrays.elements(), arrays.start(row), arrays.length(row), seed);
    } else if (v instanceof StructVector struct) {
      long h = seed;
      for (int f = 0; f < struct.structType().fields().size(); f++) {
        ColumnVector field = struct.child(f);
        if (!field.isNull(row)) {
          h = hash(algorithm, field, row, h);
        }
      }
      return h;
    } else if (v instanceof MapVector map) {
      long h = seed;
      for (int e = map.start(row), end = e + map.length(row); e < end; e++) {
        h = hash(algorithm, map.keys(), e, h);
        if (!map.values().isNull(e)) {
          h = hash(algorithm, map.values(), e, h);
        }
      }
      return h;
    }
    return seed; // NullVector: every value is null
  }

  private static long hashElements(HashAlgorithm algorithm, ColumnVector elements, int from, int count, long seed) {
    long h = seed;
    for (int e = from; e < from + count; e++) {
      if (!elements.isNull(e)) {
        h = hash(algorithm, elements, e, h);
      }
    }
    return h;
  }

  private static long hashDecimal(HashAlgorithm algorithm, DecimalVector decimals, int row, long seed) {
    BigDecimal d = decimals.getDecimal(row);
    int scale = decimals.decimalType().scale();
    BigInteger unscaled = (d.scale() == scale ? d : d.setScale(scale)).unscaledValue();
    if (decimals.decimalType().precision() <= MAX_LONG_DIGITS) {
      return algorithm.hashLong(unscaled.longValue(), seed);
    }
    byte[] bytes = unscaled.toByteArray();
    return algorithm.hashBytes(bytes, 0, bytes.length, seed);
  }
}
