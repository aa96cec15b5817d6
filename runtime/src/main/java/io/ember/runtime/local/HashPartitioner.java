package io.ember.runtime.local;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;

/**
 * Splits a batch by the hash of its key columns: row {@code r} goes to target
 * {@code floorMod(hash(keys of r), targets)}. Hashes are computed column by column over the whole batch
 * with {@link ColumnVector#hashAt}; a null key contributes {@link #NULL_HASH}, so null keys meet in one
 * target too. Equal keys of equal types always go to the same target.
 */
public final class HashPartitioner {
  /** What a null key value contributes to a row's hash. */
  public static final int NULL_HASH = 0x6b43a9b5;

  private final int[] keyColumns;
  private final int targets;

  public HashPartitioner(int[] keyColumns, int targets) {
    this.keyColumns = keyColumns.clone();
    this.targets = targets;
  }

  /** The target of each row of {@code batch}. */
  public int[] assign(Batch batch) {
    int n = batch.numRows();
    int[] hashes = new int[n];
    for (int key : keyColumns) {
      ColumnVector column = batch.column(key);
      boolean nullable = column.mayHaveNulls();
      for (int r = 0; r < n; r++) {
        int h = nullable && column.isNull(r) ? NULL_HASH : column.hashAt(r);
        hashes[r] = 31 * hashes[r] + h;
      }
    }
    for (int r = 0; r < n; r++) {
      hashes[r] = Math.floorMod(finish(hashes[r]), targets);
    }
    return hashes;
  }

  /**
   * {@code batch} split into one batch per target ({@code null} where a target gets no rows). When all rows
   * go to one target, that target gets {@code batch} itself.
   */
  public Batch[] split(Batch batch) {
    Batch[] out = new Batch[targets];
    if (targets == 1) {
      out[0] = batch;
      return out;
    }
    int[] assigned = assign(batch);
    int[] counts = new int[targets];
    for (int t : assigned) {
      counts[t]++;
    }
    for (int t = 0; t < targets; t++) {
      if (counts[t] == batch.numRows()) {
        out[t] = batch;
        return out;
      }
    }
    int[][] rows = new int[targets][];
    for (int t = 0; t < targets; t++) {
      rows[t] = new int[counts[t]];
      counts[t] = 0;
    }
    for (int r = 0; r < assigned.length; r++) {
      int t = assigned[r];
      rows[t][counts[t]++] = r;
    }
    for (int t = 0; t < targets; t++) {
      if (counts[t] > 0) {
        out[t] = batch.take(rows[t], counts[t]);
      }
    }
    return out;
  }

  private static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x7feb352d;
    h ^= h >>> 15;
    return h;
  }
}
