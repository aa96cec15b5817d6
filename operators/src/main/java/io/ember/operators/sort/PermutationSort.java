package io.ember.operators.sort;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.operators.internal.IntSort;
import java.util.Arrays;

/**
 * Computes the stable sort order of rows given their key vectors. A single int or date key is packed with
 * its row number into one {@code long} per row and sorted as primitives; other keys use a stable merge sort
 * of row numbers with {@link ColumnVector#compareAt}. Public for operators that sort their buffer themselves (window
 * functions). Immutable.
 */
public final class PermutationSort {
  private static final long LOW_31 = 0x7FFF_FFFFL;
  private static final long LOW_32 = 0xFFFF_FFFFL;

  private final boolean[] ascending;
  private final boolean[] nullsFirst;

  public PermutationSort(boolean[] ascending, boolean[] nullsFirst) {
    this.ascending = ascending;
    this.nullsFirst = nullsFirst;
  }

  /** Row numbers {@code 0..n-1} in sort order; rows with equal keys keep their order. */
  public int[] order(ColumnVector[] keys, int n) {
    if (keys.length == 1 && keys[0] instanceof IntVector ints) {
      return packedIntOrder(ints, n);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntSort.sort(order, n, (a, b) -> compare(keys, a, keys, b));
    return order;
  }

  /** Orders row {@code a} of key vectors {@code left} against row {@code b} of {@code right}. */
  public int compare(ColumnVector[] left, int a, ColumnVector[] right, int b) {
    for (int k = 0; k < left.length; k++) {
      ColumnVector u = left[k];
      ColumnVector v = right[k];
      boolean an = u.isNull(a);
      boolean bn = v.isNull(b);
      int c;
      if (an || bn) {
        if (an == bn) {
          continue;
        }
        c = an == nullsFirst[k] ? -1 : 1;
      } else {
        c = u.compareAt(a, v, b);
        if (!ascending[k]) {
          c = -c;
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Packs each row as {@code [null bit][32-bit order-preserving key][31-bit row number]}, compared unsigned
   * (so flipped to signed for {@link Arrays#sort(long[])}); the row number breaks ties, which keeps it stable.
   */
  private int[] packedIntOrder(IntVector ints, int n) {
    int[] values = ints.values();
    boolean asc = ascending[0];
    long nullBit = nullsFirst[0] ? 0L : 1L;
    long valueBit = 1L - nullBit;
    long[] packed = new long[n];
    for (int r = 0; r < n; r++) {
      long word;
      if (ints.isNull(r)) {
        word = nullBit << 63;
      } else {
        long u = (values[r] ^ Integer.MIN_VALUE) & LOW_32;
        word = (valueBit << 63) | ((asc ? u : LOW_32 - u) << 31);
      }
      packed[r] = (word | r) ^ Long.MIN_VALUE;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed[i] & LOW_31);
    }
    return order;
  }
}
