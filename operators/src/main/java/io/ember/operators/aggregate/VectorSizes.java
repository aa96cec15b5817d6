package io.ember.operators.aggregate;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.StructVector;

/** Rough heap sizes of vectors, for memory budget reservations. Constant time except for structs' children. */
final class VectorSizes {
  /** What a {@link java.math.BigDecimal} with its {@link java.math.BigInteger} takes, roughly. */
  static final int DECIMAL_BYTES = 64;

  private VectorSizes() {}

  static long estimate(ColumnVector v) {
    int n = v.size();
    long base = 16L + (v.mayHaveNulls() ? n : 0);
    if (v instanceof IntVector) {
      return base + 4L * n;
    } else if (v instanceof LongVector || v instanceof DoubleVector) {
      return base + 8L * n;
    } else if (v instanceof BooleanVector) {
      return base + n;
    } else if (v instanceof BytesVector s) {
      return base + 4L * (n + 1) + (s.offsets()[n] - s.offsets()[0]);
    } else if (v instanceof DecimalVector) {
      return base + (8L + DECIMAL_BYTES) * n;
    } else if (v instanceof ArrayVector a) {
      return base + 4L * (n + 1) + estimate(a.elements());
    } else if (v instanceof StructVector s) {
      long total = base;
      for (int f = 0; f < s.structType().size(); f++) {
        total += estimate(s.child(f));
      }
      return total;
    } else if (v instanceof NullVector) {
      return base;
    }
    return base + 8L * n;
  }
}
