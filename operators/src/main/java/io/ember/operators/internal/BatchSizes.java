package io.ember.operators.internal;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;

/** Estimates the heap bytes a buffered batch holds, for {@link io.ember.operators.memory.MemoryBudget} reservations. */
public final class BatchSizes {
  /** Fixed cost charged per vector (object headers and array headers). */
  private static final long VECTOR_OVERHEAD = 64;
  /** What a {@link java.math.BigDecimal} of ordinary precision costs on the heap, per value. */
  private static final long DECIMAL_BYTES = 48;

  private BatchSizes() {}

  /** The estimated bytes of {@code batch}'s rows. */
  public static long estimate(Batch batch) {
    long total = 0;
    for (ColumnVector c : batch.columns()) {
      total += estimate(c);
    }
    return total;
  }

  /** The estimated bytes of one vector's rows. */
  public static long estimate(ColumnVector v) {
    int n = v.size();
    long bytes = VECTOR_OVERHEAD + (v.mayHaveNulls() ? n : 0);
    if (v instanceof BooleanVector) {
      bytes += n;
    } else if (v instanceof IntVector) {
      bytes += 4L * n;
    } else if (v instanceof LongVector || v instanceof DoubleVector) {
      bytes += 8L * n;
    } else if (v instanceof BytesVector s) {
      bytes += 4L * (n + 1) + (n == 0 ? 0 : s.start(n - 1) + s.byteLength(n - 1) - s.start(0));
    } else if (v instanceof DecimalVector) {
      bytes += DECIMAL_BYTES * n;
    } else if (v instanceof ArrayVector a) {
      long elementShare = a.elements().size() == 0 ? 0 : estimate(a.elements());
      int used = n == 0 ? 0 : a.start(n - 1) + a.length(n - 1) - a.start(0);
      bytes += 4L * (n + 1) + (a.elements().size() == 0 ? 0 : elementShare * used / a.elements().size());
    } else if (v instanceof StructVector s) {
      for (int f = 0; f < s.structType().size(); f++) {
        bytes += estimate(s.child(f));
      }
    }
    return bytes;
  }
}
