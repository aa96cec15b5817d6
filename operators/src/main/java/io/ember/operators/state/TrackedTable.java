package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * A {@link StateTable} that remembers which keys were put or removed since its last {@link #write}, so a snapshot
 * can hold just those entries. Works over any backend's table: the change set lives on the heap and holds the
 * callers' key arrays (which {@link StateTable} already forbids changing).
 *
 * <p>The table stops tracking (and its next section is whole) once more keys changed than it holds, or at least
 * {@link #MIN_TRACKED} did: a delta would then be as large as the table. It also writes a whole section after
 * {@link #clear()} and before its first write.
 *
 * <p>It also keeps an {@link UndoLog} of the before-images of the keys changed since its last few writes, so a task
 * can put it back in place to one of its own snapshots ({@link #rollBack}); a {@link #clear()} or an {@link #apply}
 * ends the log.
 *
 * <p>Tables of the heap backend are tracked by {@link HeapTrackedTable} instead, without a hash insertion per change;
 * this class tracks any other backend's tables. Section format: see {@link IncrementalTable}.
 */
final class TrackedTable extends UndoableTable {
  /** The fewest changed keys at which a table gives up tracking because they outnumber its entries. */
  static final int MIN_TRACKED = 1024;
  /** Heap bytes a tracked key costs besides its array, which the table shares with the caller. */
  static final long TRACKING_BYTES_PER_KEY = 64;

  private final StateTable table;
  private final Set<ByteKey> changed = new HashSet<>();
  /** The next section is whole: before the first write, after a clear, or when tracking gave up. */
  private boolean whole = true;

  TrackedTable(StateTable table) {
    this.table = table;
  }

  @Override
  public byte[] get(byte[] key) {
    return table.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    replace(new ByteKey(key), value);
  }

  @Override
  public boolean remove(byte[] key) {
    return removeValue(new ByteKey(key)) != null;
  }

  @Override
  public byte[] get(ByteKey key) {
    return table.get(key);
  }

  /** Stores, records the key's before-image in the undo log (if it records and lacks it) and tracks the change. */
  @Override
  public byte[] replace(ByteKey key, byte[] value) {
    byte[] old = table.replace(key, value);
    if (undo.recording()) {
      undo.recordFirst(key, old, old == null ? table.size() - 1 : table.size());
    }
    track(key);
    return old;
  }

  /** Removes, records the key's before-image in the undo log (if it records and lacks it) and tracks the change. */
  @Override
  public byte[] removeValue(ByteKey key) {
    byte[] old = table.removeValue(key);
    if (undo.recording()) {
      undo.recordFirst(key, old, old == null ? table.size() : table.size() + 1);
    }
    if (old != null) {
      track(key);
    }
    return old;
  }

  @Override
  public void forEach(BiConsumer<byte[], byte[]> visitor) {
    table.forEach(visitor);
  }

  @Override
  public long removeIf(BiPredicate<byte[], byte[]> test) {
    return table.removeIf((k, v) -> {
      if (test.test(k, v)) {
        ByteKey key = new ByteKey(k);
        if (undo.recording() && undo.needs(key)) {
          undo.record(key, v.clone(), table.size());
        }
        track(key);
        return true;
      }
      return false;
    });
  }

  private void track(ByteKey key) {
    if (whole) {
      return; // the next section holds every entry anyway
    }
    changed.add(key);
    if (changed.size() >= MIN_TRACKED && changed.size() > table.size()) {
      whole = true;
      changed.clear();
    }
  }

  @Override
  public long size() {
    return table.size();
  }

  @Override
  public long memoryBytes() {
    return table.memoryBytes() + changed.size() * TRACKING_BYTES_PER_KEY + undo.memoryBytes();
  }

  @Override
  public void clear() {
    table.clear();
    changed.clear();
    whole = true;
    undo.reset();
  }

  @Override
  protected void release() {
    changed.clear();
    undo.reset();
    table.close();
  }

  /**
   * Puts the contents back to those at this table's snapshot of {@code epoch} with the undo log (cost: the keys
   * changed since). Nothing is tracked as changed afterwards: the next delta section is relative to that snapshot.
   *
   * @throws IllegalStateException when the undo log does not reach {@code epoch}
   */
  @Override
  public void rollBack(long epoch) {
    undo.rollBack(epoch, table);
    changed.clear();
    whole = false;
  }

  /** Keys changed since the last write; -1 when the next section is whole whatever {@code full} says. */
  @Override
  public long changedKeys() {
    return whole ? -1 : changed.size();
  }

  /**
   * Writes this table's section of the snapshot of {@code epoch}, whole when {@code full} (or when tracking
   * requires), and forgets the changes; the undo log starts a generation at {@code epoch}.
   */
  @Override
  public void write(Output out, boolean full, long epoch) {
    if (full || whole) {
      out.writeBoolean(true);
      out.writeVarLong(table.size(), true);
      long[] written = {0};
      table.forEach((k, v) -> {
        writeKey(out, k);
        writeValue(out, v);
        written[0]++;
      });
      if (written[0] != table.size()) {
        throw new IllegalStateException("The state table changed while it was written");
      }
    } else {
      out.writeBoolean(false);
      out.writeVarLong(changed.size(), true);
      for (ByteKey k : changed) {
        writeKey(out, k.bytes());
        writeValue(out, table.get(k.bytes()));
      }
    }
    changed.clear();
    whole = false;
    undo.mark(epoch);
  }

  /**
   * Applies a section {@link #write} wrote (a whole one replaces the contents); the changes are not tracked, and the
   * undo log forgets everything (the table no longer matches any snapshot this instance took).
   */
  @Override
  public void apply(Input in) {
    undo.reset();
    boolean replace = in.readBoolean();
    if (replace) {
      table.clear();
    }
    for (long n = in.readVarLong(true); n > 0; n--) {
      byte[] key = readKey(in);
      byte[] value = readValue(in);
      if (value != null) {
        table.put(key, value);
      } else if (replace) {
        throw new IllegalStateException("A whole state section holds a removed key");
      } else {
        table.remove(key);
      }
    }
    changed.clear();
    whole = false;
  }

  static void writeKey(Output out, byte[] key) {
    out.writeVarInt(key.length, true);
    out.writeBytes(key);
  }

  static byte[] readKey(Input in) {
    return in.readBytes(in.readVarInt(true));
  }

  static void writeValue(Output out, byte[] value) {
    if (value == null) {
      out.writeVarInt(0, true);
    } else {
      out.writeVarInt(value.length + 1, true);
      out.writeBytes(value);
    }
  }

  static byte[] readValue(Input in) {
    int n = in.readVarInt(true);
    return n == 0 ? null : in.readBytes(n - 1);
  }
}
