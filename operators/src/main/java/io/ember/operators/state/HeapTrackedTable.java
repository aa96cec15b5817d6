package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The heap backend's {@link IncrementalTable}: a {@link HeapTable} whose touch marks are the change tracking. A
 * round of the table is the time between two writes; the slots changed in it are listed once each, in order, so a
 * delta section is that list (key and current value, null for removed) and a change costs no hash insertion beyond
 * the table's own. The first change of a slot in a round is also the moment its before-image goes to the undo log.
 *
 * <p>As {@link TrackedTable}: tracking gives up (the next section is whole) once at least {@link
 * TrackedTable#MIN_TRACKED} keys changed and they outnumber the table's entries; a {@link #clear()} makes the next
 * section whole and ends the undo log; so does the time before the first write.
 *
 * <p>Owned by one task; not thread-safe.
 */
final class HeapTrackedTable extends UndoableTable {
  private final HeapTable table = new HeapTable();
  /** The next section is whole: before the first write, after a clear, or when tracking gave up. */
  private boolean whole = true;

  @Override
  public byte[] get(byte[] key) {
    return table.get(key);
  }

  @Override
  public byte[] get(ByteKey key) {
    return table.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    changed(key, table.put(key, ByteKey.hash(key), value), true);
  }

  @Override
  public byte[] replace(ByteKey key, byte[] value) {
    byte[] old = table.put(key.bytes(), key.hashCode(), value);
    changed(key.bytes(), old, true);
    return old;
  }

  @Override
  public boolean remove(byte[] key) {
    byte[] old = table.remove(key, ByteKey.hash(key));
    changed(key, old, false);
    return old != null;
  }

  @Override
  public byte[] removeValue(ByteKey key) {
    byte[] old = table.remove(key.bytes(), key.hashCode());
    changed(key.bytes(), old, false);
    return old;
  }

  @Override
  public long removeIf(BiPredicate<byte[], byte[]> test) {
    long removed = 0;
    for (int s = 0, n = table.capacity(); s < n; s++) {
      byte[] v = table.valueAt(s);
      if (v != null && test.test(table.keyAt(s), v)) {
        changed(table.keyAt(s), table.removeAt(s), false);
        removed++;
      }
    }
    return removed;
  }

  /**
   * After a change of {@code key} (an insert when {@code put}) whose value was {@code old}: on the slot's first touch
   * in this round, records the before-image and checks the tracking bound.
   */
  private void changed(byte[] key, byte[] old, boolean put) {
    if (!table.firstTouch()) {
      return;
    }
    if (undo.recording()) {
      long sizeBefore = table.size() + (put ? (old == null ? -1 : 0) : 1);
      undo.recordNew(key, old, sizeBefore);
    }
    if (!whole && table.touchedCount() >= TrackedTable.MIN_TRACKED && table.touchedCount() > table.size()) {
      whole = true; // a delta would be as large as the table
      table.dropTouchedList();
    }
    if (whole && !undo.recording()) {
      table.touching(false);
    }
  }

  @Override
  public void forEach(BiConsumer<byte[], byte[]> visitor) {
    table.forEach(visitor);
  }

  @Override
  public long size() {
    return table.size();
  }

  @Override
  public long memoryBytes() {
    return table.memoryBytes() + undo.memoryBytes();
  }

  @Override
  public void clear() {
    table.clear();
    undo.reset();
    whole = true;
    table.touching(false);
    table.nextRound();
  }

  @Override
  protected void release() {
    undo.reset();
    table.close();
  }

  @Override
  public void rollBack(long epoch) {
    table.touching(false);
    undo.rollBack(epoch, table);
    whole = false;
    startRound();
  }

  @Override
  public long changedKeys() {
    return whole ? -1 : table.touchedCount();
  }

  @Override
  public void write(Output out, boolean full, long epoch) {
    if (full || whole) {
      long count = table.size();
      long bytes = 0;
      for (int s = 0, n = table.capacity(); s < n; s++) {
        byte[] v = table.valueAt(s);
        if (v != null) {
          bytes += SectionWriter.entrySize(table.keyAt(s), v);
        }
      }
      out.writeBoolean(true);
      out.writeVarLong(count, true);
      SectionWriter w = SectionWriter.into(out, bytes);
      long written = 0;
      for (int s = 0, n = table.capacity(); s < n; s++) {
        byte[] v = table.valueAt(s);
        if (v != null) {
          w.key(table.keyAt(s));
          w.value(v);
          written++;
        }
      }
      w.finish(out);
      if (written != count) {
        throw new IllegalStateException("The state table changed while it was written");
      }
    } else {
      int[] slots = table.touched();
      int count = table.touchedCount();
      long bytes = 0;
      for (int i = 0; i < count; i++) {
        bytes += SectionWriter.entrySize(table.keyAt(slots[i]), table.valueAt(slots[i]));
      }
      out.writeBoolean(false);
      out.writeVarLong(count, true);
      SectionWriter w = SectionWriter.into(out, bytes);
      for (int i = 0; i < count; i++) {
        w.key(table.keyAt(slots[i]));
        w.value(table.valueAt(slots[i]));
      }
      w.finish(out);
    }
    whole = false;
    undo.mark(epoch);
    startRound();
  }

  @Override
  public void apply(Input in) {
    undo.reset();
    table.touching(false);
    boolean replace = in.readBoolean();
    if (replace) {
      table.clear();
    }
    for (long n = in.readVarLong(true); n > 0; n--) {
      byte[] key = TrackedTable.readKey(in);
      byte[] value = TrackedTable.readValue(in);
      if (value != null) {
        table.put(key, value);
      } else if (replace) {
        throw new IllegalStateException("A whole state section holds a removed key");
      } else {
        table.remove(key);
      }
    }
    whole = false;
    startRound();
  }

  /** A new round after a write, rollback or restore: nothing changed yet, every change tracked. */
  private void startRound() {
    table.nextRound();
    table.touching(true);
  }

}
