package io.ember.operators.stream.join;

import io.ember.operators.state.IdSlots;
import java.util.Arrays;

/**
 * What one {@link JoinSideState} knows of its stored rows without reading its table: the join keys, each key's rows
 * (sequence number and eviction time) in arrival order, and the keys ordered by the earliest eviction time of their
 * rows, so a probe finds a key's rows, and an eviction visits only the keys holding an expired row.
 *
 * <p>Everything lives in primitive arrays indexed by dense ids, so the index costs no object per key or per row: a
 * key id has its first and last row, the earliest eviction time of its rows, its place in the eviction heap, its
 * hash, and the table key of one of its rows, whose leading bytes are the join key (a table key is the join key
 * followed by an 8-byte sequence number, see {@link JoinSideState}); a row id has its sequence number, its eviction
 * time and the next row of its key. Ids of removed keys and rows are reused. Keys are found through {@link IdSlots}
 * by their {@code ByteKey.hash}; the eviction heap is a binary min-heap of key ids by earliest eviction time, which
 * holds exactly the keys having a row with a finite eviction time ({@link Long#MAX_VALUE}: never evicted).
 *
 * <p>Derived data, kept on the heap and never snapshotted. Owned by one task; not thread-safe.
 */
final class JoinRowIndex {
  /** No key, no row, not queued. */
  static final int NONE = -1;
  private static final int SEQ_BYTES = Long.BYTES;
  /** The row capacity below which an index is never {@link #isSparse sparse}. */
  static final int SPARSE_MIN_ROWS = 1 << 12;

  private final IdSlots slots = new IdSlots(16);

  // ---- per key id ----
  /** A table key of one of the key's rows (join key + sequence number); null for a free id. */
  private byte[][] keyArrays = new byte[16][];
  private int[] keyHashes = new int[16];
  /** The key's first row (arrival order); for a free id, the next free key id. */
  private int[] heads = new int[16];
  private int[] tails = new int[16];
  /** The earliest eviction time of the key's rows. */
  private long[] minTimes = new long[16];
  /** The key's position in {@link #heap}, or {@link #NONE}. */
  private int[] heapPositions = new int[16];
  private int keyIdsUsed;
  private int freeKey = NONE;
  private int keyCount;

  // ---- per row id ----
  private long[] seqs = new long[64];
  private long[] times = new long[64];
  /** The next row of the same key in arrival order; for a free id, the next free row id. */
  private int[] nexts = new int[64];
  private int rowIdsUsed;
  private int freeRow = NONE;
  private int rowCount;

  // ---- eviction heap of key ids ----
  private int[] heap = new int[16];
  private int heapSize;

  /** Receives a removed row: its key's id (still valid during the call) and its sequence number. */
  @FunctionalInterface
  interface RemovedRow {
    void accept(int key, long seq);
  }

  /** The id of join key {@code key}, whose {@code ByteKey.hash} is {@code hash}, or {@link #NONE}. */
  int find(byte[] key, int hash) {
    for (int s = slots.start(hash); ; s = slots.next(s)) {
      int id = slots.id(s);
      if (id < 0 || slots.hash(s) == hash && sameKey(id, key, key.length)) {
        return id;
      }
    }
  }

  /**
   * Adds a row with sequence number {@code seq} and eviction time {@code time} after the other rows of its key (so
   * in arrival order when sequence numbers grow; see {@link #sortRowsBySeq} otherwise), the join key being the leading
   * bytes of {@code rowKey} (its table key, which must not change afterwards), hashing to {@code hash}.
   */
  void add(byte[] rowKey, int hash, long seq, long time) {
    int keyLength = rowKey.length - SEQ_BYTES;
    int s = slots.start(hash);
    int key;
    for (; ; s = slots.next(s)) {
      key = slots.id(s);
      if (key < 0) {
        key = newKey(rowKey, hash);
        slots.put(s, key, hash);
        break;
      }
      if (slots.hash(s) == hash && sameKey(key, rowKey, keyLength)) {
        break;
      }
    }
    int row = newRow(seq, time);
    if (heads[key] == NONE) {
      heads[key] = row;
    } else {
      nexts[tails[key]] = row;
    }
    tails[key] = row;
    if (time < minTimes[key]) {
      minTimes[key] = time;
      queue(key);
    }
  }

  /** The first row of key {@code key} in arrival order; {@link #NONE} when {@code key} is {@link #NONE}. */
  int firstRow(int key) {
    return key == NONE ? NONE : heads[key];
  }

  /** The row after {@code row} of the same key, or {@link #NONE}. */
  int nextRow(int row) {
    return nexts[row];
  }

  long seq(int row) {
    return seqs[row];
  }

  long time(int row) {
    return times[row];
  }

  /** The table key of row {@code seq} of key {@code key}: a fresh array. */
  byte[] rowKey(int key, long seq) {
    byte[] k = keyArrays[key].clone();
    JoinSideState.writeSeq(k, k.length - SEQ_BYTES, seq);
    return k;
  }

  /** The join key of {@code key}: a fresh array. */
  byte[] joinKey(int key) {
    return Arrays.copyOf(keyArrays[key], keyArrays[key].length - SEQ_BYTES);
  }

  /**
   * Removes every row whose eviction time is at or before {@code threshold} ({@link Long#MAX_VALUE}: every row),
   * calling {@code removed} for each: by key, the keys in unsigned byte order of the join keys when {@code ordered}
   * (else in no particular order), and each key's rows in arrival order. Returns how many it removed.
   */
  long removeAtOrBefore(long threshold, boolean ordered, RemovedRow removed) {
    int[] expired;
    int count = 0;
    if (threshold == Long.MAX_VALUE) {
      expired = new int[keyCount];
      for (int key = 0; key < keyIdsUsed; key++) {
        if (keyArrays[key] != null) {
          heapPositions[key] = NONE;
          expired[count++] = key;
        }
      }
      heapSize = 0;
    } else {
      expired = new int[Math.min(heapSize, 16)];
      while (heapSize > 0 && minTimes[heap[0]] <= threshold) {
        if (count == expired.length) {
          expired = Arrays.copyOf(expired, Math.min(heapSize + count, 2 * count));
        }
        expired[count++] = pollHeap();
      }
    }
    if (ordered) {
      sortByJoinKey(expired, count);
    }
    long total = 0;
    for (int i = 0; i < count; i++) {
      total += removeRows(expired[i], threshold, removed);
    }
    return total;
  }

  /** Removes the rows of {@code key} (not queued) at or before {@code threshold}; re-queues or frees the key. */
  private int removeRows(int key, long threshold, RemovedRow removed) {
    int gone = 0;
    long min = Long.MAX_VALUE;
    int previous = NONE;
    for (int row = heads[key]; row != NONE; ) {
      int following = nexts[row];
      if (times[row] <= threshold) {
        removed.accept(key, seqs[row]);
        if (previous == NONE) {
          heads[key] = following;
        } else {
          nexts[previous] = following;
        }
        if (tails[key] == row) {
          tails[key] = previous;
        }
        freeRow(row);
        gone++;
      } else {
        min = Math.min(min, times[row]);
        previous = row;
      }
      row = following;
    }
    if (heads[key] == NONE) {
      freeKey(key);
    } else {
      minTimes[key] = min;
      queue(key);
    }
    return gone;
  }

  /**
   * Whether the arrays are mostly empty: sized for over {@link #SPARSE_MIN_ROWS} rows and four times the rows held.
   * Ids are reused but the arrays never shrink, so the owner rebuilds a sparse index to give the memory back.
   */
  boolean isSparse() {
    return nexts.length > SPARSE_MIN_ROWS && 4L * rowCount < nexts.length;
  }

  /** Rows indexed. */
  long rows() {
    return rowCount;
  }

  /** Keys indexed. */
  int keys() {
    return keyCount;
  }

  /** Heap bytes of the index's arrays (the table keys it refers to belong to the table). */
  long memoryBytes() {
    long perKey = 4L * 6 + Long.BYTES;
    long perRow = 2L * Long.BYTES + Integer.BYTES;
    return slots.memoryBytes() + perKey * heads.length + perRow * seqs.length + 4L * heap.length;
  }

  /**
   * Whether {@code other} indexes the same rows (per join key, the same sequence numbers and times in the same
   * order) and both are internally consistent: every key's earliest time is its rows' minimum, the heap holds
   * exactly the keys with a finite one, in heap order (for checks).
   */
  boolean sameRowsAs(JoinRowIndex other) {
    if (keyCount != other.keyCount || rowCount != other.rowCount || !consistent() || !other.consistent()) {
      return false;
    }
    for (int key = 0; key < keyIdsUsed; key++) {
      if (keyArrays[key] == null) {
        continue;
      }
      int o = other.find(joinKey(key), keyHashes[key]);
      if (o == NONE || minTimes[key] != other.minTimes[o]) {
        return false;
      }
      int a = heads[key];
      int b = other.heads[o];
      for (; a != NONE && b != NONE; a = nexts[a], b = other.nexts[b]) {
        if (seqs[a] != other.seqs[b] || times[a] != other.times[b]) {
          return false;
        }
      }
      if (a != b) {
        return false;
      }
    }
    return true;
  }

  private boolean consistent() {
    int keys = 0;
    int rows = 0;
    int queued = 0;
    for (int key = 0; key < keyIdsUsed; key++) {
      if (keyArrays[key] == null) {
        continue;
      }
      keys++;
      long min = Long.MAX_VALUE;
      int last = NONE;
      for (int row = heads[key]; row != NONE; row = nexts[row]) {
        rows++;
        min = Math.min(min, times[row]);
        last = row;
      }
      boolean shouldQueue = min != Long.MAX_VALUE;
      if (last == NONE || tails[key] != last || min != minTimes[key] || (heapPositions[key] != NONE) != shouldQueue
          || shouldQueue && heap[heapPositions[key]] != key) {
        return false;
      }
      queued += shouldQueue ? 1 : 0;
    }
    for (int i = 1; i < heapSize; i++) {
      if (minTimes[heap[(i - 1) / 2]] > minTimes[heap[i]]) {
        return false;
      }
    }
    return keys == keyCount && rows == rowCount && queued == heapSize && slots.size() == keyCount;
  }

  private boolean sameKey(int id, byte[] key, int keyLength) {
    byte[] k = keyArrays[id];
    return Arrays.equals(k, 0, k.length - SEQ_BYTES, key, 0, keyLength);
  }

  private int newKey(byte[] rowKey, int hash) {
    int key;
    if (freeKey != NONE) {
      key = freeKey;
      freeKey = heads[key];
    } else {
      key = keyIdsUsed++;
      if (key == heads.length) {
        int n = 2 * key;
        keyArrays = Arrays.copyOf(keyArrays, n);
        keyHashes = Arrays.copyOf(keyHashes, n);
        heads = Arrays.copyOf(heads, n);
        tails = Arrays.copyOf(tails, n);
        minTimes = Arrays.copyOf(minTimes, n);
        heapPositions = Arrays.copyOf(heapPositions, n);
      }
    }
    keyArrays[key] = rowKey;
    keyHashes[key] = hash;
    heads[key] = NONE;
    tails[key] = NONE;
    minTimes[key] = Long.MAX_VALUE;
    heapPositions[key] = NONE;
    keyCount++;
    return key;
  }

  /** Frees {@code key}, which has no rows and is not queued. */
  private void freeKey(int key) {
    int hash = keyHashes[key];
    int s = slots.start(hash);
    while (slots.id(s) != key) {
      s = slots.next(s);
    }
    slots.remove(s);
    keyArrays[key] = null;
    heads[key] = freeKey;
    freeKey = key;
    keyCount--;
  }

  private int newRow(long seq, long time) {
    int row;
    if (freeRow != NONE) {
      row = freeRow;
      freeRow = nexts[row];
    } else {
      row = rowIdsUsed++;
      if (row == seqs.length) {
        seqs = Arrays.copyOf(seqs, 2 * row);
        times = Arrays.copyOf(times, 2 * row);
        nexts = Arrays.copyOf(nexts, 2 * row);
      }
    }
    seqs[row] = seq;
    times[row] = time;
    nexts[row] = NONE;
    rowCount++;
    return row;
  }

  private void freeRow(int row) {
    nexts[row] = freeRow;
    freeRow = row;
    rowCount--;
  }

  /**
   * Puts the rows of every key in sequence order (arrival order): an index built by {@link #add}s in another order (a
   * table's iteration order) calls this once at the end.
   */
  void sortRowsBySeq() {
    int[] scratch = new int[16];
    int[] tmp = new int[16];
    for (int key = 0; key < keyIdsUsed; key++) {
      if (keyArrays[key] == null || inSeqOrder(key)) {
        continue;
      }
      int n = 0;
      for (int row = heads[key]; row != NONE; row = nexts[row]) {
        if (n == scratch.length) {
          scratch = Arrays.copyOf(scratch, 2 * n);
        }
        scratch[n++] = row;
      }
      if (tmp.length < n) {
        tmp = new int[scratch.length];
      }
      mergeSortBySeq(scratch, tmp, 0, n);
      heads[key] = scratch[0];
      for (int i = 0; i + 1 < n; i++) {
        nexts[scratch[i]] = scratch[i + 1];
      }
      nexts[scratch[n - 1]] = NONE;
      tails[key] = scratch[n - 1];
    }
  }

  private boolean inSeqOrder(int key) {
    for (int row = heads[key]; nexts[row] != NONE; row = nexts[row]) {
      if (seqs[nexts[row]] < seqs[row]) {
        return false;
      }
    }
    return true;
  }

  private void mergeSortBySeq(int[] rows, int[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSortBySeq(rows, tmp, from, mid);
    mergeSortBySeq(rows, tmp, mid, to);
    int a = from;
    int b = mid;
    for (int o = from; o < to; o++) {
      tmp[o] = b >= to || a < mid && seqs[rows[a]] <= seqs[rows[b]] ? rows[a++] : rows[b++];
    }
    System.arraycopy(tmp, from, rows, from, to - from);
  }

  private void sortByJoinKey(int[] keys, int count) {
    Integer[] boxed = new Integer[count];
    for (int i = 0; i < count; i++) {
      boxed[i] = keys[i];
    }
    Arrays.sort(boxed, (x, y) -> {
      byte[] a = keyArrays[x];
      byte[] b = keyArrays[y];
      return Arrays.compareUnsigned(a, 0, a.length - SEQ_BYTES, b, 0, b.length - SEQ_BYTES);
    });
    for (int i = 0; i < count; i++) {
      keys[i] = boxed[i];
    }
  }

  // ---- the eviction heap ----

  /** Queues {@code key} after its earliest time was lowered (or set), or moves it up; a no-op for a time of MAX. */
  private void queue(int key) {
    if (minTimes[key] == Long.MAX_VALUE) {
      return;
    }
    if (heapPositions[key] == NONE) {
      if (heapSize == heap.length) {
        heap = Arrays.copyOf(heap, 2 * heapSize);
      }
      heap[heapSize] = key;
      heapPositions[key] = heapSize++;
    }
    siftUp(heapPositions[key]);
  }

  private int pollHeap() {
    int top = heap[0];
    heapPositions[top] = NONE;
    heapSize--;
    if (heapSize > 0) {
      heap[0] = heap[heapSize];
      heapPositions[heap[0]] = 0;
      siftDown(0);
    }
    return top;
  }

  private void siftUp(int i) {
    int key = heap[i];
    long time = minTimes[key];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      int p = heap[parent];
      if (minTimes[p] <= time) {
        break;
      }
      heap[i] = p;
      heapPositions[p] = i;
      i = parent;
    }
    heap[i] = key;
    heapPositions[key] = i;
  }

  private void siftDown(int i) {
    int key = heap[i];
    long time = minTimes[key];
    int half = heapSize >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < heapSize && minTimes[heap[right]] < minTimes[heap[child]]) {
        child = right;
      }
      int c = heap[child];
      if (time <= minTimes[c]) {
        break;
      }
      heap[i] = c;
      heapPositions[c] = i;
      i = child;
    }
    heap[i] = key;
    heapPositions[key] = i;
  }
}
