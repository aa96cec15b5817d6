package io.ember.operators.join;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.operators.internal.KeyRows;

/**
 * The build side of a join once its input ended: all rows in one batch, and a chained hash index over the
 * equi keys ({@code heads} per bucket, {@code next} per row, -1 ends a chain). Rows with a null key are not
 * indexed: they never match. Without keys there is no index and every row is a candidate. A single key stored as
 * an int or a long is indexed by a {@link LongBuildIndex} instead (then {@link #longIndex()} is not null and the
 * chained index is empty). Also tracks which build rows matched, for joins that emit the unmatched (or matched)
 * build rows at the end.
 */
final class BuildTable {
  /** Bytes the index costs per build row (next, hash, matched flag) and per bucket. */
  static final int BYTES_PER_ROW = 9;
  static final int BYTES_PER_BUCKET = 4;

  private final Batch rows;
  private final ColumnVector[] keys;
  private final int[] heads;
  private final int[] next;
  private final int[] hashes;
  private final int mask;
  private final boolean[] matched;
  private final LongBuildIndex longIndex;

  /**
   * @param rows the build rows
   * @param keys the equi key vectors over {@code rows}, or an empty array for a nested loop
   * @param longKey whether {@code keys} is one int- or long-stored vector to index with a {@link LongBuildIndex}
   */
  BuildTable(Batch rows, ColumnVector[] keys, boolean longKey) {
    this.rows = rows;
    this.keys = keys;
    int n = rows.numRows();
    this.matched = new boolean[n];
    this.longIndex = longKey ? new LongBuildIndex(keys[0], n) : null;
    if (keys.length == 0 || longKey) {
      heads = next = hashes = new int[0];
      mask = 0;
      return;
    }
    int buckets = bucketsFor(n);
    heads = new int[buckets];
    java.util.Arrays.fill(heads, -1);
    mask = buckets - 1;
    next = new int[n];
    hashes = new int[n];
    KeyRows.hash(keys, n, hashes);
    for (int r = n - 1; r >= 0; r--) { // insert backwards so chains list rows in input order
      if (!KeyRows.anyNull(keys, r)) {
        int b = hashes[r] & mask;
        next[r] = heads[b];
        heads[b] = r;
      }
    }
  }

  /** The bucket count for {@code rows} build rows: a power of two, at least twice the rows. */
  static int bucketsFor(int rows) {
    return Integer.highestOneBit(Math.max(rows, 8) * 2 - 1) << 1;
  }

  Batch rows() {
    return rows;
  }

  /** The index of a single int- or long-stored key, or null when the chained index serves the keys. */
  LongBuildIndex longIndex() {
    return longIndex;
  }

  int size() {
    return rows.numRows();
  }

  /** The first build row whose key may equal the probe key with hash {@code hash}, or -1. */
  int first(int hash) {
    int r = heads[hash & mask];
    while (r != -1 && hashes[r] != hash) {
      r = next[r];
    }
    return r;
  }

  /** The next candidate after {@code row} with the same hash, or -1. */
  int next(int row, int hash) {
    int r = next[row];
    while (r != -1 && hashes[r] != hash) {
      r = next[r];
    }
    return r;
  }

  /** Whether build row {@code row}'s key equals probe row {@code probeRow} of {@code probeKeys} (no nulls). */
  boolean keyEquals(int row, ColumnVector[] probeKeys, int probeRow) {
    return KeyRows.equalNonNull(keys, row, probeKeys, probeRow);
  }

  void markMatched(int row) {
    matched[row] = true;
  }

  boolean[] matched() {
    return matched;
  }

  /** Rows whose matched flag equals {@code wanted}, in order. */
  int[] rowsWithMatched(boolean wanted) {
    int count = 0;
    for (boolean m : matched) {
      if (m == wanted) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int r = 0; r < matched.length; r++) {
      if (matched[r] == wanted) {
        out[k++] = r;
      }
    }
    return out;
  }
}
