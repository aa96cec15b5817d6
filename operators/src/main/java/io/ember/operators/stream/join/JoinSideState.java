package io.ember.operators.stream.join;

import io.ember.operators.state.ByteKey;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The stored rows of one side of a stream-stream join: several rows per join key, in one {@link StateTable}
 * ({@code rows}) that maps a key's canonical bytes followed by a sequence number (8 bytes, big-endian) to a stored
 * row: a matched flag (1 byte), the row's eviction time (8 bytes, big-endian, {@link Long#MAX_VALUE} when it has
 * none) and the row's values. Sequence numbers grow with arrival on the side, so a key's rows in sequence order are
 * its rows in arrival order; eviction removes rows and never rewrites the survivors, so a key's sequence numbers
 * may have gaps. The task snapshots the table (the operator creates the sides in {@code open}, left side first).
 *
 * <p>On the heap (derived, never snapshotted) a {@link JoinRowIndex} lists each key's rows (sequence numbers and
 * eviction times) and orders the keys by the earliest eviction time of their rows, so a probe or an append touches no
 * table but the rows one, and {@link #evict} visits only the keys holding an expired row and reads only the rows it
 * removes. It is built from the table by one scan the first time it is needed after this object is made or {@link
 * #invalidateIndex} is called (the owner calls it after a restore or an in-place rollback changed the table under
 * it), and by {@link #prepare} as well when the table's size differs from the rows it lists (the table was cleared or
 * changed elsewhere). The next sequence number after a rebuild is one past the largest in the table.
 */
final class JoinSideState implements AutoCloseable {
  static final int HEADER_BYTES = 9;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final StateTable rows;
  private JoinRowIndex index = new JoinRowIndex();
  /** Whether {@link #index} describes {@link #rows}. */
  private boolean indexed;
  private long nextSeq;

  JoinSideState(StateBackend backend, String name) {
    this.rows = backend.createTable(name + "-keyWithSeqToValue", 1 << 14, 28, 64);
  }

  /** Builds the index unless it is built and lists as many rows as the table holds; call before a batch. */
  void prepare() {
    if (!indexed || index.rows() != rows.size()) {
      rebuild();
    }
  }

  /**
   * The id of {@code key} (whose {@code ByteKey.hash} is {@code hash}) while it has rows, or {@link JoinRowIndex#NONE}
   * when it has none; valid until the side changes. Its rows, in arrival order: {@link #firstRow}, {@link #nextRow}.
   */
  int find(byte[] key, int hash) {
    if (!indexed) {
      rebuild();
    }
    return index.find(key, hash);
  }

  /** The first row of the key {@link #find} returned ({@link JoinRowIndex#NONE} for none). */
  int firstRow(int key) {
    return index.firstRow(key);
  }

  /** The row after {@code row} under the same key, or {@link JoinRowIndex#NONE}. */
  int nextRow(int row) {
    return index.nextRow(row);
  }

  /** The table key of row {@code row} of key {@code key} (as {@link #find} and {@link #firstRow} gave them): fresh. */
  byte[] rowKey(int key, int row) {
    return index.rowKey(key, index.seq(row));
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
   * is {@code hash}; the side keeps {@code stored}, which must not change afterwards.
   */
  void append(byte[] key, int hash, byte[] stored) {
    if (!indexed) {
      rebuild();
    }
    long seq = nextSeq++;
    byte[] rowKey = rowKey(key, seq);
    rows.put(rowKey, stored);
    index.add(rowKey, hash, seq, evictionTime(stored));
  }

  /** Writes a stored row's header into its first {@link #HEADER_BYTES} bytes. */
  static void writeHeader(byte[] stored, boolean matched, long evictionTime) {
    stored[0] = (byte) (matched ? 1 : 0);
    LONGS.set(stored, 1, evictionTime);
  }

  /** Forgets the index: the table was restored or rolled back; the next use rebuilds it. */
  void invalidateIndex() {
    indexed = false;
    index = new JoinRowIndex();
  }

  /** Whether the index, if built, records exactly what the {@code rows} table holds (for checks). */
  boolean indexMatchesTable() {
    if (!indexed) {
      return true;
    }
    JoinSideState fresh = new JoinSideState(rows);
    fresh.rebuild();
    return index.rows() == rows.size() && nextSeq >= fresh.nextSeq && fresh.index.sameRowsAs(index);
  }

  private JoinSideState(StateTable rows) {
    this.rows = rows;
  }

  /** Builds the index from the {@code rows} table (whose keys it keeps: a table never changes a key array). */
  private void rebuild() {
    JoinRowIndex fresh = new JoinRowIndex();
    long[] maxSeq = {-1};
    rows.forEach((k, v) -> {
      int keyLength = k.length - Long.BYTES;
      long seq = (long) LONGS.get(k, keyLength);
      fresh.add(k, ByteKey.hash(k, 0, keyLength), seq, evictionTime(v));
      maxSeq[0] = Math.max(maxSeq[0], seq);
    });
    fresh.sortRowsBySeq();
    index = fresh;
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
    JoinRowIndex current = index;
    long total = current.removeAtOrBefore(threshold, ordered, (key, seq) -> {
      byte[] v = rows.removeValue(new ByteKey(current.rowKey(key, seq)));
      if (v == null) {
        throw new IllegalStateException("The join state lost a row its index lists");
      }
      removed.accept(v);
    });
    if (current.isSparse()) {
      invalidateIndex(); // rebuilt to the rows left at the next use: its arrays never shrink otherwise
    }
    return total;
  }

  /** Rows stored. */
  long size() {
    return rows.size();
  }

  /** The table's bytes and the index's heap bytes, estimated. */
  long memoryBytes() {
    return rows.memoryBytes() + indexMemoryBytes();
  }

  /** The index's heap bytes (for checks). */
  long indexMemoryBytes() {
    return index.memoryBytes();
  }

  @Override
  public void close() {
    rows.close();
  }

  /** {@code key} followed by {@code seq} (8 bytes, big-endian). */
  static byte[] rowKey(byte[] key, long seq) {
    byte[] b = Arrays.copyOf(key, key.length + Long.BYTES);
    writeSeq(b, key.length, seq);
    return b;
  }

  /** Writes {@code seq} big-endian into the 8 bytes of {@code rowKey} from {@code offset}. */
  static void writeSeq(byte[] rowKey, int offset, long seq) {
    LONGS.set(rowKey, offset, seq);
  }
}
