package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An append-only, columnar store of rows of any types, numbered {@code 0..size-1} in insertion order.
 * Rows are added a batch at a time: {@link #beginBatch} lends the batch's columns, {@link #add} picks rows
 * of it, {@link #endBatch} copies the picked rows into a new immutable chunk. Chunks are merged as they
 * accumulate (a chunk merges into its predecessor when that one is at most twice its size), so a store
 * holds O(log n) chunks and copies each row O(log n) times.
 *
 * <p>Single-threaded.
 */
final class RowStore {
  private final DataType[] types;
  private final List<ColumnVector[]> chunks = new ArrayList<>();
  private final List<Integer> chunkStarts = new ArrayList<>();
  private int[] entryChunk = new int[64];
  private int[] entryRow = new int[64];
  private int size;
  private int pendingStart = -1;
  private long chunkBytes;

  RowStore(DataType[] types) {
    this.types = types.clone();
  }

  int size() {
    return size;
  }

  int numColumns() {
    return types.length;
  }

  /** Lends {@code columns} (one per store column) until {@link #endBatch}. */
  void beginBatch(ColumnVector[] columns) {
    pendingStart = size;
    chunks.add(columns);
    chunkStarts.add(size);
  }

  /** Appends row {@code row} of the lent batch; returns its entry number. */
  int add(int row) {
    if (size == entryRow.length) {
      int cap = size * 2;
      entryRow = Arrays.copyOf(entryRow, cap);
      entryChunk = Arrays.copyOf(entryChunk, cap);
    }
    entryChunk[size] = chunks.size() - 1;
    entryRow[size] = row;
    return size++;
  }

  /** Copies the rows added since {@link #beginBatch} and returns the lent columns. */
  void endBatch() {
    int last = chunks.size() - 1;
    int count = size - pendingStart;
    if (count == 0) {
      chunks.remove(last);
      chunkStarts.remove(last);
    } else {
      int[] rows = Arrays.copyOfRange(entryRow, pendingStart, size);
      ColumnVector[] lent = chunks.get(last);
      ColumnVector[] copy = new ColumnVector[lent.length];
      for (int c = 0; c < lent.length; c++) {
        copy[c] = lent[c].take(rows, count);
        chunkBytes += VectorSizes.estimate(copy[c]);
      }
      chunks.set(last, copy);
      for (int e = pendingStart; e < size; e++) {
        entryRow[e] = e - pendingStart;
      }
      mergeTail();
    }
    pendingStart = -1;
  }

  /** The column vector that holds entry {@code entry} (of the lent batch while one is lent). */
  ColumnVector column(int entry, int column) {
    return chunks.get(entryChunk[entry])[column];
  }

  /** The row of entry {@code entry} within {@link #column}. */
  int row(int entry) {
    return entryRow[entry];
  }

  /** Every entry in order, one vector per column (merges all chunks into one). */
  ColumnVector[] columns() {
    if (chunks.isEmpty()) {
      ColumnVector[] empty = new ColumnVector[types.length];
      for (int c = 0; c < empty.length; c++) {
        empty[c] = VectorBuilder.forType(types[c], 0).build();
      }
      return empty;
    }
    while (chunks.size() > 1) {
      mergeLastTwo();
    }
    return chunks.get(0);
  }

  long estimatedBytes() {
    return chunkBytes + 8L * entryRow.length + 64L * chunks.size();
  }

  private void mergeTail() {
    int n = chunks.size();
    while (n >= 2 && rows(n - 2) <= 2L * rows(n - 1)) {
      mergeLastTwo();
      n--;
    }
  }

  private int rows(int chunk) {
    return chunks.get(chunk)[0].size();
  }

  private void mergeLastTwo() {
    int n = chunks.size();
    ColumnVector[] a = chunks.get(n - 2);
    ColumnVector[] b = chunks.get(n - 1);
    ColumnVector[] merged = new ColumnVector[types.length];
    for (int c = 0; c < merged.length; c++) {
      VectorBuilder builder = VectorBuilder.forType(types[c], a[c].size() + b[c].size());
      builder.appendAll(a[c]);
      builder.appendAll(b[c]);
      merged[c] = builder.build();
      chunkBytes += VectorSizes.estimate(merged[c]) - VectorSizes.estimate(a[c]) - VectorSizes.estimate(b[c]);
    }
    chunks.remove(n - 1);
    chunkStarts.remove(n - 1);
    chunks.set(n - 2, merged);
    int start = chunkStarts.get(n - 2);
    int end = start + merged[0].size();
    for (int e = start; e < end; e++) {
      entryChunk[e] = n - 2;
      entryRow[e] = e - start;
    }
  }
}
