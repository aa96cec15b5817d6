package io.ember.operators.stream.join;

import java.util.Arrays;

/**
 * The rows one join side stores under one join key, as its {@link JoinKeyIndex} knows them: each row's sequence
 * number (its place in the side's {@code rows} table, see {@link JoinSideState}) and eviction time, in arrival order,
 * and the earliest eviction time among them, by which the {@link JoinEvictionIndex} orders the keys.
 *
 * <p>Derived data, kept on the heap and never snapshotted. Owned by one task; not thread-safe.
 */
final class JoinKeyRows {
  /** Heap bytes an entry costs besides its rows and its key's bytes (object, array header, key array header). */
  static final long ENTRY_BYTES = 80;
  /** The join key's canonical bytes (not a copy: never changed). */
  final byte[] key;
  /** {@code ByteKey.hash(key)}. */
  final int hash;
  /** Row {@code i}'s sequence number at {@code 2i}, its eviction time at {@code 2i + 1}. */
  private long[] rows = new long[2];
  private int size;
  /** The earliest eviction time of the rows; {@link Long#MAX_VALUE} when none can be evicted. */
  long minTime = Long.MAX_VALUE;
  /** This key's position in the eviction index's heap; -1 when it is not queued there. */
  int queuePosition = -1;

  JoinKeyRows(byte[] key, int hash) {
    this.key = key;
    this.hash = hash;
  }

  /** The number of rows. */
  int size() {
    return size;
  }

  /** Row {@code i}'s sequence number. */
  long seq(int i) {
    return rows[2 * i];
  }

  /** Row {@code i}'s eviction time ({@link Long#MAX_VALUE} for a row that is never evicted). */
  long time(int i) {
    return rows[2 * i + 1];
  }

  /** Appends a row; returns whether it lowered {@link #minTime}. */
  boolean add(long seq, long time) {
    if (2 * size == rows.length) {
      rows = Arrays.copyOf(rows, rows.length * 2);
    }
    rows[2 * size] = seq;
    rows[2 * size + 1] = time;
    size++;
    if (time < minTime) {
      minTime = time;
      return true;
    }
    return false;
  }

  /**
   * Keeps the rows whose eviction time is after {@code threshold}, in their order, and recomputes {@link #minTime};
   * calls {@code removed} with the sequence number of each other row, in arrival order. Returns how many it removed.
   */
  int removeAtOrBefore(long threshold, SeqConsumer removed) {
    int kept = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < size; i++) {
      long seq = rows[2 * i];
      long time = rows[2 * i + 1];
      if (time <= threshold) {
        removed.accept(seq);
      } else {
        rows[2 * kept] = seq;
        rows[2 * kept + 1] = time;
        kept++;
        min = Math.min(min, time);
      }
    }
    int gone = size - kept;
    size = kept;
    minTime = min;
    if (rows.length > 8 && 4 * size < rows.length / 2) {
      rows = Arrays.copyOf(rows, Math.max(2, 2 * size));
    }
    return gone;
  }

  /** Sorts the rows by sequence number (arrival order): a rebuild reads them in the table's order. */
  void sortBySeq() {
    for (int i = 1; i < size; i++) {
      if (rows[2 * i - 2] > rows[2 * i]) {
        mergeSort(new long[2 * size], 0, size);
        return;
      }
    }
  }

  /** Whether {@code other} holds the same rows (sequence numbers and times, in order) under the same key. */
  boolean sameRows(JoinKeyRows other) {
    return Arrays.equals(key, other.key) && size == other.size && minTime == other.minTime
        && Arrays.equals(rows, 0, 2 * size, other.rows, 0, 2 * size);
  }

  /** Sorts the pairs {@code [from, to)} by sequence number, with {@code tmp} (as long as {@code rows}) as scratch. */
  private void mergeSort(long[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(tmp, from, mid);
    mergeSort(tmp, mid, to);
    int a = from;
    int b = mid;
    int o = from;
    while (a < mid || b < to) {
      int take = b >= to || a < mid && rows[2 * a] <= rows[2 * b] ? a++ : b++;
      tmp[2 * o] = rows[2 * take];
      tmp[2 * o + 1] = rows[2 * take + 1];
      o++;
    }
    System.arraycopy(tmp, 2 * from, rows, 2 * from, 2 * (to - from));
  }

  /** Receives sequence numbers. */
  @FunctionalInterface
  interface SeqConsumer {
    void accept(long seq);
  }
}
