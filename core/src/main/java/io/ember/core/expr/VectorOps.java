package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;

/** Small vector helpers shared by the expression implementations. */
final class VectorOps {
  private VectorOps() {}

  /** The union of two null masks (null when neither has nulls); a fresh array when both have nulls. */
  static boolean[] unionNulls(ColumnVector a, ColumnVector b, int n) {
    boolean[] x = a.nullMask();
    boolean[] y = b.nullMask();
    if (x == null) {
      return y == null ? null : copy(y, n);
    }
    if (y == null) {
      return copy(x, n);
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = x[i] || y[i];
    }
    return out;
  }

  static boolean[] copy(boolean[] mask, int n) {
    return mask == null ? null : java.util.Arrays.copyOf(mask, n);
  }

  /** {@code mask} itself, or null when it has no true entry. */
  static boolean[] compact(boolean[] mask, int n) {
    if (mask == null) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (mask[i]) {
        return mask;
      }
    }
    return null;
  }

  static boolean isNull(boolean[] mask, int i) {
    return mask != null && mask[i];
  }

  /**
   * Evaluates {@code e} only on rows {@code rows[0..count)} of {@code input} (ascending), so that an
   * expression guarded by a condition never fails on a row the condition excludes, as Spark's
   * row-wise short-circuit evaluation. Returns {@code count} results.
   */
  static ColumnVector evaluateRows(Expression e, Batch input, int[] rows, int count, EvalContext ctx) {
    if (count == input.numRows()) {
      return e.evaluate(input, ctx);
    }
    if (e instanceof Literal lit) {
      return lit.repeat(count);
    }
    return e.evaluate(input.take(rows, count), ctx);
  }

  /** A boolean vector from values and a null mask (compacted). */
  static BooleanVector booleans(boolean[] values, boolean[] nulls, int n) {
    return new BooleanVector(values, compact(nulls, n), n);
  }

  /** A vector of {@code n} nulls of {@code type}. */
  static ColumnVector nulls(DataType type, int n) {
    VectorBuilder b = VectorBuilder.forType(type, n);
    for (int i = 0; i < n; i++) {
      b.appendNull();
    }
    return b.build();
  }

  /**
   * Assembles {@code n} rows: row {@code i} is row {@code pos[i]} of {@code parts[choice[i]]}, or null when
   * {@code choice[i] < 0}.
   */
  static ColumnVector gather(DataType type, ColumnVector[] parts, int[] choice, int[] pos, int n) {
    VectorBuilder b = VectorBuilder.forType(type, n);
    for (int i = 0; i < n; i++) {
      int c = choice[i];
      if (c < 0) {
        b.appendNull();
      } else {
        b.appendFrom(parts[c], pos[i]);
      }
    }
    return b.build();
  }
}
