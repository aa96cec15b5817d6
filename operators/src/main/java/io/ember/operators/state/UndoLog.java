package io.ember.operators.state;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The before-images of one {@link TrackedTable} since its last few snapshots, so the table can be put back in place
 * to the contents it had at one of them: per <em>generation</em> (the changes after the snapshot of one epoch, up to
 * the next snapshot) the value each key had when it first changed in it, or null when it was absent. Rolling back
 * to epoch E applies the generations newer than E's and E's own, newest first; the cost is the number of keys
 * changed since E, not the size of the table.
 *
 * <p>It keeps at most {@link #MAX_GENERATIONS} generations, and no more before-images than the table holds entries
 * (or {@link TrackedTable#MIN_TRACKED}): beyond that the oldest generations are dropped, and when the current one
 * alone is larger the log gives up until the next snapshot (a rollback then needs the full restore). A
 * {@link #reset} (the table was cleared or restored from bytes) forgets every generation.
 *
 * <p>Owned by one task; not thread-safe.
 */
final class UndoLog {
  /** Generations kept: the snapshots of the last complete epoch and of those after it the coordinator may lack. */
  static final int MAX_GENERATIONS = 4;
  /** Heap bytes a before-image costs besides its key and value arrays. */
  static final long BYTES_PER_ENTRY = 80;

  /** Changes after the snapshot of {@code epoch}: key to value before its first change ({@link #ABSENT}: absent). */
  private record Generation(long epoch, Map<ByteKey, byte[]> before) {}

  /** The before-image of a key that was absent (told apart by identity, so one lookup records a first change). */
  private static final byte[] ABSENT = new byte[0];

  private final Deque<Generation> generations = new ArrayDeque<>();
  private long entries;
  private long bytes;

  /** Whether changes are recorded now: a snapshot was taken since the last reset and the log did not give up. */
  boolean recording() {
    return !generations.isEmpty();
  }

  /** Whether the current generation lacks {@code key}'s before-image (call only while {@link #recording()}). */
  boolean needs(ByteKey key) {
    return !generations.getLast().before().containsKey(key);
  }

  /**
   * Records {@code before} as {@code key}'s value before its first change in the current generation; then keeps the
   * log within its bounds for a table of {@code tableSize} entries.
   */
  void record(ByteKey key, byte[] before, long tableSize) {
    generations.getLast().before().put(key, before == null ? ABSENT : before);
    added(key, before, tableSize);
  }

  /**
   * Records {@code before} (null: absent) as {@code key}'s value before its change unless the current generation
   * has its before-image already (one lookup: {@link #needs} and {@link #record} together; call only while {@link
   * #recording()}); then keeps the log within its bounds for a table of {@code tableSize} entries.
   */
  void recordFirst(ByteKey key, byte[] before, long tableSize) {
    if (generations.getLast().before().putIfAbsent(key, before == null ? ABSENT : before) == null) {
      added(key, before, tableSize);
    }
  }

  private void added(ByteKey key, byte[] before, long tableSize) {
    entries++;
    bytes += sizeOf(key, before);
    long limit = Math.max(TrackedTable.MIN_TRACKED, tableSize);
    while (entries > limit && generations.size() > 1) {
      drop(generations.removeFirst());
    }
    if (entries > limit) {
      reset();
    }
  }

  /** The table's snapshot of {@code epoch} was written: a new generation starts, the oldest beyond the bound goes. */
  void mark(long epoch) {
    generations.addLast(new Generation(epoch, new HashMap<>()));
    while (generations.size() > MAX_GENERATIONS) {
      drop(generations.removeFirst());
    }
  }

  /** Forgets every generation: the table cannot be rolled back to any earlier snapshot. */
  void reset() {
    generations.clear();
    entries = 0;
    bytes = 0;
  }

  /** Whether {@link #rollBack} to {@code epoch} is possible: a generation starts at the snapshot of {@code epoch}. */
  boolean reaches(long epoch) {
    for (Generation g : generations) {
      if (g.epoch() == epoch) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts {@code table} back to its contents at the snapshot of {@code epoch}: applies the before-images of the newer
   * generations and of {@code epoch}'s, newest first, and drops the newer ones; {@code epoch}'s generation stays,
   * empty, as the current one. The changes are applied to {@code table} directly (not recorded).
   *
   * @throws IllegalStateException when the log does not reach {@code epoch}
   */
  void rollBack(long epoch, StateTable table) {
    if (!reaches(epoch)) {
      throw new IllegalStateException("The undo log does not reach the snapshot of epoch " + epoch);
    }
    while (true) {
      Generation g = generations.getLast();
      for (Map.Entry<ByteKey, byte[]> e : g.before().entrySet()) {
        if (e.getValue() == ABSENT) {
          table.remove(e.getKey().bytes());
        } else {
          table.put(e.getKey().bytes(), e.getValue());
        }
      }
      if (g.epoch() == epoch) {
        drop(g);
        g.before().clear();
        return;
      }
      drop(generations.removeLast());
    }
  }

  /** Heap bytes the before-images take. */
  long memoryBytes() {
    return bytes;
  }

  /** The epochs whose snapshots the log reaches, oldest first (for checks). */
  long[] epochs() {
    long[] out = new long[generations.size()];
    Iterator<Generation> it = generations.iterator();
    for (int i = 0; it.hasNext(); i++) {
      out[i] = it.next().epoch();
    }
    return out;
  }

  private void drop(Generation g) {
    for (Map.Entry<ByteKey, byte[]> e : g.before().entrySet()) {
      entries--;
      bytes -= sizeOf(e.getKey(), e.getValue());
    }
  }

  private static long sizeOf(ByteKey key, byte[] value) {
    return BYTES_PER_ENTRY + key.bytes().length + (value == null || value == ABSENT ? 0 : value.length);
  }
}
