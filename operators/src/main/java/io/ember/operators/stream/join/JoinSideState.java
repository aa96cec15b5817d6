package io.ember.operators.stream.join;

import io.ember.operators.state.ByteKey;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stored rows of one side of a stream-stream join: several rows per join key, in one {@link StateTable}
 * ({@code rows}) that maps a key's canonical bytes followed by a sequence number (8 bytes, big-endian) to a stored
 * row: a matched flag (1 byte), the row's eviction time (8 bytes, big-endian, {@link Long#MAX_VALUE} when it has
 * none) and the row's values. Sequence numbers grow with arrival on the side, so a key's rows in sequence order are
 * its rows in arrival order; eviction removes rows and never rewrites the survivors, so a key's sequence numbers
 * may have gaps. The task snapshots the table (the operator creates the sides in {@code open}, left side first).
 *
 * <p>On the heap (derived, never snapshotted) a {@link JoinKeyIndex} lists each key's rows (sequence numbers and
 * eviction times), so a probe or an append touches no table but the rows one, and a {@link JoinEvictionIndex} orders
 * the keys by the earliest eviction time of their rows, so {@link #evict} visits only the keys holding an expired
 * row and reads only the rows it removes. Both are built from the table by one scan the first time they are needed
 * after this object is made or {@link #invalidateIndex} is called (the owner calls it after a restore or an in-place
 * rollback changed the table under it), and by {@link #prepare} as well when the table's size differs from the rows
 * they list (the table was cleared or changed elsewhere). The next sequence number after a rebuild is one past the
 * largest in the table.
 */
final class JoinSideState implements AutoCloseable {
  static final int HEADER_BYTES = 9;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final StateTable rows;
  private JoinKeyIndex keys = new JoinKeyIndex();
  private JoinEvictionIndex eviction = new JoinEvictionIndex();
  /** Whether {@link #keys} and {@link #eviction} describe {@link #rows}. */
  private boolean indexed;
  /** The rows the indexes list. */
  private long indexedRows;
  private long nextSeq;

  JoinSideState(StateBackend backend, String name) {
    this.rows = backend.createTable(name + "-keyWithSeqToValue", 1 << 14, 28, 64);
  }

  /** Builds the indexes unless they are built and list as many rows as the table holds; call before a batch. */
  void prepare() {
    if (!indexed || indexedRows != rows.size()) {
      rebuild();
    }
  }

  /** The rows stored under {@code key} (whose {@code ByteKey.hash} is {@code hash}), or null when there are none. */
  JoinKeyRows find(byte[] key, int hash) {
    if (!indexed) {
      rebuild();
    }
    return keys.get(key, hash);
  }

  /** The table key of row {@code i} of {@code entry}: a fresh array. */
  static byte[] rowKey(JoinKeyRows entry, int i) {
    return rowKey(entry.key, entry.seq(i));
  }

  /** The stored row (header and values) under table key {@code rowKey}. */
  byte[] get(byte[] rowKey) {
    return rows.get(rowKey);
  }

  /** Appends a row under {@code key} with the given header fields; {@code values} are the row's encoded values. */
  void append(byte[] key, boolean matched, long evictionTime, byte[] values) {
    byte[] stored = new byte[HEADER_BYTES + values.length];
    System.arraycopy(values, 0, stored, HEADER_BYTES, values.length);
    writeHeader(stored, matched, evictionTime);
    append(key, ByteKey.hash(key), stored);
  }

  /**
   * Appends a stored row (header and values, see {@link #writeHeader}) under {@code key}, whose {@code ByteKey.hash}
   * is {@code hash}; the side keeps both arrays, which must not change afterwards.
   */
  void append(byte[] key, int hash, byte[] stored) {
    if (!indexed) {
      rebuild();
    }
    long seq = nextSeq++;
    rows.put(rowKey(key, seq), stored);
    JoinKeyRows entry = keys.getOrAdd(key, hash);
    if (entry.add(seq, evictionTime(stored))) {
      eviction.update(entry);
    }
    indexedRows++;
  }

  /** Writes a stored row's header into its first {@link #HEADER_BYTES} bytes. */
  static void writeHeader(byte[] stored, boolean matched, long evictionTime) {
    stored[0] = (byte) (matched ? 1 : 0);
    LONGS.set(stored, 1, evictionTime);
  }

  /** Forgets the indexes: the table was restored or rolled back; the next use rebuilds them. */
  void invalidateIndex() {
    indexed = false;
    keys = new JoinKeyIndex();
    eviction = new JoinEvictionIndex();
  }

  /** Whether the indexes, if built, record exactly what the {@code rows} table holds (for checks). */
  boolean indexMatchesTable() {
    if (!indexed) {
      return true;
    }
    JoinSideState fresh = new JoinSideState(rows);
    fresh.rebuild();
    if (fresh.indexedRows != indexedRows || indexedRows != rows.size() || fresh.keys.size() != keys.size()
        || fresh.eviction.size() != eviction.size() || !eviction.consistent() || nextSeq < fresh.nextSeq) {
      return false;
    }
    boolean[] same = {true};
    keys.forEach(e -> {
      JoinKeyRows f = fresh.keys.get(e.key, e.hash);
      same[0] &= f != null && f.sameRows(e) && e.size() > 0 && (e.minTime == Long.MAX_VALUE) == (e.queuePosition < 0);
    });
    return same[0];
  }

  private JoinSideState(StateTable rows) {
    this.rows = rows;
  }

  /** Builds the indexes from the {@code rows} table. */
  private void rebuild() {
    JoinKeyIndex fresh = new JoinKeyIndex();
    long[] maxSeq = {-1};
    long[] count = {0};
    rows.forEach((k, v) -> {
      int keyLength = k.length - Long.BYTES;
      byte[] key = Arrays.copyOf(k, keyLength);
      long seq = (long) LONGS.get(k, keyLength);
      fresh.getOrAdd(key, ByteKey.hash(key)).add(seq, evictionTime(v));
      maxSeq[0] = Math.max(maxSeq[0], seq);
      count[0]++;
    });
    JoinEvictionIndex queue = new JoinEvictionIndex();
    fresh.forEach(e -> {
      e.sortBySeq();
      queue.update(e);
    });
    keys = fresh;
    eviction = queue;
    indexedRows = count[0];
    nextSeq = Math.max(nextSeq, maxSeq[0] + 1);
    indexed = true;
  }

  /** Sets the matched flag of the stored row under table key {@code rowKey}, whose stored bytes are {@code stored}. */
  void markMatched(byte[] rowKey, byte[] stored) {
    if (stored[0] == 0) {
      byte[] copy = stored.clone();
      copy[0] = 1;
      rows.put(rowKey, copy);
    }
  }

  static boolean matched(byte[] stored) {
    return stored[0] != 0;
  }

  static long evictionTime(byte[] stored) {
    return (long) LONGS.get(stored, 1);
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
    prepare();
    long total = 0;
    List<JoinKeyRows> expired;
    if (threshold == Long.MAX_VALUE) {
      // every row goes, those that are never evicted otherwise (time MAX) too, and those are not queued
      expired = new ArrayList<>(keys.size());
      keys.forEach(e -> {
        e.queuePosition = -1;
        expired.add(e);
      });
      if (ordered) {
        expired.sort((x, y) -> Arrays.compareUnsigned(x.key, y.key));
      }
      eviction = new JoinEvictionIndex();
    } else {
      expired = eviction.pollAtOrBefore(threshold, ordered);
    }
    for (JoinKeyRows entry : expired) {
      total += entry.removeAtOrBefore(threshold, seq -> {
        byte[] v = rows.removeValue(new ByteKey(rowKey(entry.key, seq)));
        if (v == null) {
          throw new IllegalStateException("The join state lost a row its index lists");
        }
        removed.accept(v);
      });
      if (entry.size() == 0) {
        keys.remove(entry);
      } else {
        eviction.update(entry);
      }
    }
    indexedRows -= total;
    return total;
  }

  /** Rows stored. */
  long size() {
    return rows.size();
  }

  /** The table's bytes and the indexes' heap bytes, estimated: an entry per key and 16 bytes per row. */
  long memoryBytes() {
    return rows.memoryBytes() + keys.memoryBytes() + eviction.memoryBytes()
        + keys.size() * JoinKeyRows.ENTRY_BYTES + indexedRows * 2 * Long.BYTES;
  }

  @Override
  public void close() {
    rows.close();
  }

  /** {@code key} followed by {@code seq} (8 bytes, big-endian). */
  static byte[] rowKey(byte[] key, long seq) {
    byte[] b = Arrays.copyOf(key, key.length + Long.BYTES);
    LONGS.set(b, key.length, seq);
    return b;
  }
}
