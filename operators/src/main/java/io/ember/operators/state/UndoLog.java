package io.ember.operators.state;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The before-images of one tracked table since its last few snapshots, so the table can be put back in place to the
 * contents it had at one of them: per <em>generation</em> (the changes after the snapshot of one epoch, up to the
 * next snapshot) the value each key had when it first changed in it, or null when it was absent. Rolling back to
 * epoch E applies the generations newer than E's and E's own, newest first; the cost is the number of keys changed
 * since E, not the size of the table.
 *
 * <p>A generation is two parallel lists (keys, before-images): recording appends, dropping a generation is O(1). A
 * table that knows when a key changes for the first time in a generation ({@link HeapTrackedTable}'s touch marks)
 * calls {@link #recordNew}; one that does not ({@link TrackedTable}) calls {@link #recordFirst}, and the generation
 * then also keeps a set of the keys it holds.
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
  /** Heap bytes a before-image recorded with {@link #recordFirst} costs besides its key and value arrays. */
  static final long BYTES_PER_ENTRY = 80;
  /** Heap bytes a before-image recorded with {@link #recordNew} costs besides its key and value arrays. */
  static final long BYTES_PER_LISTED_ENTRY = 16;

  /** The changes after the snapshot of {@code epoch}: keys and their values before their first change in it. */
  private static final class Generation {
    final long epoch;
    byte[][] keys = new byte[8][];
    /** Per key its value before its first change, null when it was absent. */
    byte[][] befores = new byte[8][];
    int count;
    long bytes;
    /** The keys held, for {@link #recordFirst}; null until it is first called. */
    Set<ByteKey> seen;

    Generation(long epoch) {
      this.epoch = epoch;
    }

    void add(byte[] key, byte[] before, long size) {
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
        befores = Arrays.copyOf(befores, count * 2);
      }
      keys[count] = key;
      befores[count] = before;
      count++;
      bytes += size;
    }

    void clear() {
      keys = new byte[8][];
      befores = new byte[8][];
      count = 0;
      bytes = 0;
      seen = null;
    }
  }

  private final Deque<Generation> generations = new ArrayDeque<>();
  private long entries;
  private long bytes;

  /** Whether changes are recorded now: a snapshot was taken since the last reset and the log did not give up. */
  boolean recording() {
    return !generations.isEmpty();
  }

  /** Whether the current generation lacks {@code key}'s before-image (call only while {@link #recording()}). */
  boolean needs(ByteKey key) {
    Set<ByteKey> seen = generations.getLast().seen;
    return seen == null || !seen.contains(key);
  }

  /**
   * Records {@code before} (null: absent) as {@code key}'s value before its first change in the current generation,
   * which must lack it ({@link #needs}); then keeps the log within its bounds for a table of {@code tableSize}
   * entries.
   */
  void record(ByteKey key, byte[] before, long tableSize) {
    recordFirst(key, before, tableSize);
  }

  /**
   * Records {@code before} (null: absent) as {@code key}'s value before its change unless the current generation
   * has its before-image already (call only while {@link #recording()}); then keeps the log within its bounds for a
   * table of {@code tableSize} entries.
   */
  void recordFirst(ByteKey key, byte[] before, long tableSize) {
    Generation g = generations.getLast();
    if (g.seen == null) {
      g.seen = new HashSet<>();
    }
    if (g.seen.add(key)) {
      add(g, key.bytes(), before, BYTES_PER_ENTRY, tableSize);
    }
  }

  /**
   * Records {@code before} (null: absent) as the value {@code key} had before its first change in the current
   * generation: the caller knows it is the first (call only while {@link #recording()}); then keeps the log within
   * its bounds for a table of {@code tableSize} entries.
   */
  void recordNew(byte[] key, byte[] before, long tableSize) {
    add(generations.getLast(), key, before, BYTES_PER_LISTED_ENTRY, tableSize);
  }

  private void add(Generation g, byte[] key, byte[] before, long overhead, long tableSize) {
    long size = overhead + key.length + (before == null ? 0 : before.length);
    g.add(key, before, size);
    entries++;
    bytes += size;
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
    generations.addLast(new Generation(epoch));
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
      if (g.epoch == epoch) {
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
      for (int i = g.count - 1; i >= 0; i--) { // a key's earliest image last, should it be there twice
        if (g.befores[i] == null) {
          table.remove(g.keys[i]);
        } else {
          table.put(g.keys[i], g.befores[i]);
        }
      }
      if (g.epoch == epoch) {
        drop(g);
        g.clear();
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
      out[i] = it.next().epoch;
    }
    return out;
  }

  private void drop(Generation g) {
    entries -= g.count;
    bytes -= g.bytes;
  }
}
