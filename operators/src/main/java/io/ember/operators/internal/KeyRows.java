package io.ember.operators.internal;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;

/** Row-wise helpers over a set of key vectors of equal size, for hashing, joining and deduplicating. */
public final class KeyRows {
  /** The hash that a null key value contributes. */
  private static final int NULL_HASH = 0x5bd1e995;

  private KeyRows() {}

  /** Hashes every row of {@code keys} (nulls hash to a constant) into {@code out}, which must hold {@code rows}. */
  public static void hash(ColumnVector[] keys, int rows, int[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = 1;
    }
    for (ColumnVector k : keys) {
      if (k.mayHaveNulls()) {
        for (int r = 0; r < rows; r++) {
          out[r] = 31 * out[r] + (k.isNull(r) ? NULL_HASH : k.hashAt(r));
        }
      } else {
        for (int r = 0; r < rows; r++) {
          out[r] = 31 * out[r] + k.hashAt(r);
        }
      }
    }
  }

  /** Whether any key of row {@code row} is null. */
  public static boolean anyNull(ColumnVector[] keys, int row) {
    for (ColumnVector k : keys) {
      if (k.isNull(row)) {
        return true;
      }
    }
    return false;
  }

  /** Whether rows are equal, with null equal to null (grouping semantics). */
  public static boolean equalNullSafe(ColumnVector[] a, int ra, ColumnVector[] b, int rb) {
    for (int i = 0; i < a.length; i++) {
      boolean an = a[i].isNull(ra);
      boolean bn = b[i].isNull(rb);
      if (an || bn) {
        if (an != bn) {
          return false;
        }
      } else if (!a[i].equalsAt(ra, b[i], rb)) {
        return false;
      }
    }
    return true;
  }

  /** Whether rows are equal where neither has a null key (join semantics: callers skip null keys). */
  public static boolean equalNonNull(ColumnVector[] a, int ra, ColumnVector[] b, int rb) {
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equalsAt(ra, b[i], rb)) {
        return false;
      }
    }
    return true;
  }

  /** A vector of {@code rows} nulls of {@code type}. */
  public static ColumnVector nulls(DataType type, int rows) {
    VectorBuilder b = VectorBuilder.forType(type, rows);
    for (int r = 0; r < rows; r++) {
      b.appendNull();
    }
    return b.build();
  }
}
