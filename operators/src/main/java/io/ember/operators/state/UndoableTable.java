package io.ember.operators.state;

import java.nio.ByteBuffer;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every {@link IncrementalTable} shares, whatever way it tracks changes: the {@link UndoLog} of before-images
 * that an in-place rollback applies, the flag that keeps the table open across its operator's close for that
 * rollback, and a sorted copy of the contents for checks.
 *
 * <p>Owned by one task; not thread-safe.
 */
abstract class UndoableTable implements IncrementalTable {
  /** The before-images since the table's last few writes; subclasses record into it as they change entries. */
  protected final UndoLog undo = new UndoLog();
  /** Kept for an in-place rollback: {@link #close()} leaves the table open for the operator that reuses it. */
  private boolean kept;

  /** Closes the table, unless it is {@link #keep kept} for an in-place rollback (then nothing happens). */
  @Override
  public final void close() {
    if (!kept) {
      release();
    }
  }

  /** Frees what the table holds (its entries, its tracking, the undo log); {@link #close()} calls it once not kept. */
  protected abstract void release();

  @Override
  public boolean canRollBackTo(long epoch) {
    return undo.reaches(epoch);
  }

  @Override
  public void keep() {
    kept = true;
  }

  @Override
  public void reuse() {
    kept = false;
  }

  @Override
  public long[] undoEpochs() {
    return undo.epochs();
  }

  @Override
  public SortedMap<ByteBuffer, ByteBuffer> contents() {
    SortedMap<ByteBuffer, ByteBuffer> out = new TreeMap<>();
    forEach((k, v) -> out.put(ByteBuffer.wrap(k.clone()), ByteBuffer.wrap(v.clone())));
    return out;
  }
}
