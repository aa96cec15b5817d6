package io.ember.operators.stream.join;

import io.ember.operators.state.ByteKey;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The stored rows of one side of a stream-stream join: several rows per join key, in two
 * {@link StateTable}s as Spark's {@code SymmetricHashJoinStateManager} keeps them. {@code counts} maps a
 * key's canonical bytes to its number of rows {@code n} (4 bytes); {@code rows} maps the key's bytes followed
 * by an index {@code 0 <= i < n} (4 bytes, big-endian) to a stored row: a matched flag (1 byte), the row's
 * eviction time (8 bytes, {@link Long#MAX_VALUE} when it has none) and the row's values. Eviction keeps the
 * indexes of each key dense, moving the surviving rows down. The task snapshots both tables (the operator creates
 * them in {@code open}, left side first).
 *
 * <p>A {@link JoinEvictionIndex} (heap, never snapshotted) orders the keys by the earliest eviction time of their
 * rows, so {@link #evict} visits only the keys holding an expired row. It is built from the {@code rows} table on
 * the first eviction after this object is made or {@link #invalidateIndex} is called (the owner calls it after a
 * restore or an in-place rollback changed the tables under it), and rebuilt as well when the table's size differs
 * from the rows the index has seen (the table was cleared or changed elsewhere).
 */
final class JoinSideState implements AutoCloseable {
  static final int HEADER_BYTES = 9;

  private final StateTable counts;
  private final StateTable rows;
  private JoinEvictionIndex index = new JoinEvictionIndex();
  /**
   * Whether {@link #index} describes {@link #rows}: from the start when the table starts empty (appends keep it),
   * else once the first eviction built it.
   */
  private boolean indexed;
  /** The number of rows the index has seen, to notice a table changed without {@link #invalidateIndex}. */
  private long indexedRows;

  JoinSideState(StateBackend backend, String name) {
    this.counts = backend.createTable(name + "-keyToNumValues", 1 << 12, 24, Integer.BYTES);
    this.rows = backend.createTable(name + "-keyWithIndexToValue", 1 << 14, 28, 64);
    this.indexed = rows.size() == 0;
  }

  /** The number of rows stored under {@code key}. */
  int count(byte[] key) {
    return count(new ByteKey(key));
  }

  private int count(ByteKey key) {
    byte[] c = counts.get(key);
    return c == null ? 0 : ByteBuffer.wrap(c).getInt();
  }

  /** The stored row {@code index} of {@code key} (header and values). */
  byte[] get(byte[] key, int index) {
    return rows.get(rowKey(key, index));
  }

  /** Appends a row under {@code key}. */
  void append(byte[] key, boolean matched, long evictionTime, byte[] values) {
    ByteKey k = new ByteKey(key);
    int n = count(k);
    rows.replace(new ByteKey(rowKey(key, n)), value(matched, evictionTime, values, 0, values.length));
    counts.replace(k, countBytes(n + 1));
    if (indexed) {
      index.add(k, evictionTime);
      indexedRows++;
    }
  }

  /** Forgets the eviction index: the tables were restored or rolled back; the next eviction rebuilds it. */
  void invalidateIndex() {
    indexed = false;
    index = new JoinEvictionIndex();
  }

  /** Whether the eviction index, if built, records exactly what the {@code rows} table holds (for checks). */
  boolean indexMatchesTable() {
    return !indexed || indexedRows == rows.size() && index.sameAs(scan());
  }

  /** Builds the index from the {@code rows} table unless it is built and has seen as many rows as it holds. */
  private void ensureIndex() {
    if (indexed && indexedRows == rows.size()) {
      return;
    }
    index = scan();
    indexed = true;
    indexedRows = rows.size();
  }

  /** A fresh index of the {@code rows} table. */
  private JoinEvictionIndex scan() {
    JoinEvictionIndex fresh = new JoinEvictionIndex();
    rows.forEach((k, v) -> fresh.add(new ByteKey(Arrays.copyOf(k, k.length - Integer.BYTES)), evictionTime(v)));
    return fresh;
  }

  /** Sets the matched flag of row {@code index} of {@code key}, whose stored bytes are {@code stored}. */
  void markMatched(byte[] key, int index, byte[] stored) {
    if (stored[0] == 0) {
      byte[] copy = stored.clone();
      copy[0] = 1;
      rows.put(rowKey(key, index), copy);
    }
  }

  static boolean matched(byte[] stored) {
    return stored[0] != 0;
  }

  static long evictionTime(byte[] stored) {
    return ByteBuffer.wrap(stored, 1, Long.BYTES).getLong();
  }

  /**
   * Removes every row whose eviction time is at or before {@code threshold}, handing each removed row's
   * stored bytes to {@code removed}, by key (keys in byte order, whatever the backend's iteration order) and
   * in arrival order within a key; returns how many rows it removed.
   */
  long evict(long threshold, Consumer<byte[]> removed) {
    return evict(threshold, removed, true);
  }

  /**
   * As {@link #evict(long, Consumer)}; when {@code ordered} is false the keys come in no particular order (rows
   * within a key still in arrival order), for a caller that does not keep the removed rows.
   */
  long evict(long threshold, Consumer<byte[]> removed, boolean ordered) {
    ensureIndex();
    long total = 0;
    for (ByteKey key : index.pollAtOrBefore(threshold, ordered)) {
      int n = count(key);
      ByteKey[] rowKeys = new ByteKey[n];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        rowKeys[i] = new ByteKey(rowKey(key.bytes(), i));
        byte[] v = rows.get(rowKeys[i]);
        long time = evictionTime(v);
        if (time <= threshold) {
          removed.accept(v);
          total++;
        } else {
          if (kept != i) {
            rows.replace(rowKeys[kept], v);
          }
          kept++;
          index.add(key, time);
        }
      }
      for (int i = kept; i < n; i++) {
        rows.removeValue(rowKeys[i]);
      }
      if (kept == 0) {
        counts.removeValue(key);
      } else if (kept < n) {
        counts.replace(key, countBytes(kept));
      }
    }
    indexedRows -= total;
    return total;
  }

  /** Rows stored. */
  long size() {
    return rows.size();
  }

  long memoryBytes() {
    return counts.memoryBytes() + rows.memoryBytes() + index.memoryBytes();
  }

  @Override
  public void close() {
    counts.close();
    rows.close();
  }

  static byte[] value(boolean matched, long evictionTime, byte[] values, int from, int length) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + length);
    b.put((byte) (matched ? 1 : 0)).putLong(evictionTime).put(values, from, length);
    return b.array();
  }

  private static byte[] countBytes(int n) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
  }

  private static byte[] rowKey(byte[] key, int index) {
    return ByteBuffer.allocate(key.length + Integer.BYTES).put(key).putInt(index).array();
  }
}
