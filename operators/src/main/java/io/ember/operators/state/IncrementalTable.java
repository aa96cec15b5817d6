package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.SortedMap;

/**
 * A {@link StateTable} that {@link TrackedState} snapshots incrementally and rolls back in place: it remembers the
 * keys put or removed since its last {@link #write} and keeps an {@link UndoLog} of before-images since its last few
 * writes. {@link HeapTrackedTable} does so with marks in its own slots; {@link TrackedTable} over any backend's
 * table, with a set of changed keys.
 *
 * <p>Section format (inside {@link io.ember.operators.StateSnapshots}' operator state): a boolean "whole" (the reader
 * clears the table first), an entry count, then per entry the key (var-int length, bytes) and the value (var-int
 * length + 1, bytes; 0 for a key removed since the last write, never in a whole section).
 *
 * <p>Owned by one task; not thread-safe.
 */
interface IncrementalTable extends StateTable {
  /** Whether {@link #rollBack} to the snapshot of {@code epoch} is possible. */
  boolean canRollBackTo(long epoch);

  /** Keeps the table open when its operator closes it, for another operator instance to {@link #reuse}. */
  void keep();

  /** A kept table handed to the operator instance that replaces the closed one: it closes normally again. */
  void reuse();

  /**
   * Puts the contents back to those at this table's snapshot of {@code epoch} with the undo log (cost: the keys
   * changed since). Nothing is tracked as changed afterwards: the next delta section is relative to that snapshot.
   *
   * @throws IllegalStateException when the undo log does not reach {@code epoch}
   */
  void rollBack(long epoch);

  /** The epochs of the snapshots the undo log reaches, oldest first. */
  long[] undoEpochs();

  /** Keys changed since the last write; -1 when the next section is whole whatever {@code full} says. */
  long changedKeys();

  /**
   * Writes this table's section of the snapshot of {@code epoch}, whole when {@code full} (or when tracking
   * requires), and forgets the changes; the undo log starts a generation at {@code epoch}.
   */
  void write(Output out, boolean full, long epoch);

  /**
   * Applies a section {@link #write} wrote (a whole one replaces the contents); the changes are not tracked, and the
   * undo log forgets everything (the table no longer matches any snapshot this instance took).
   */
  void apply(Input in);

  /** Every entry, sorted by key, copied. */
  SortedMap<ByteBuffer, ByteBuffer> contents();
}
