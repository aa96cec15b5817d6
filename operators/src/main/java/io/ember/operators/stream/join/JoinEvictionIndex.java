package io.ember.operators.stream.join;

import io.ember.operators.state.ByteKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The join keys of one {@link JoinSideState}, ordered by the earliest eviction time of their stored rows, so an
 * eviction visits only the keys holding a row at or before its threshold instead of every stored row.
 *
 * <p>Derived data: it is never snapshotted. Its owner keeps it in step with its own changes (an appended row, a key
 * whose rows were evicted) and rebuilds it from the state table whenever the table may have changed under it
 * (restore, in-place rollback, clear).
 *
 * <p>Owned by one task; not thread-safe.
 */
final class JoinEvictionIndex {
  private final Map<ByteKey, Long> earliest = new HashMap<>();
  private final TreeMap<Long, Set<ByteKey>> byTime = new TreeMap<>();

  /** Records a row of {@code key} that expires at {@code evictionTime}. */
  void add(ByteKey key, long evictionTime) {
    Long current = earliest.get(key);
    if (current != null && current <= evictionTime) {
      return;
    }
    if (current != null) {
      unlink(key, current);
    }
    earliest.put(key, evictionTime);
    byTime.computeIfAbsent(evictionTime, t -> new HashSet<>()).add(key);
  }

  /**
   * Removes and returns the keys with a row whose eviction time is at or before {@code threshold} (the caller
   * {@link #add adds} back those of their rows it keeps), in unsigned byte order when {@code sorted}, else in no
   * particular order.
   */
  List<ByteKey> pollAtOrBefore(long threshold, boolean sorted) {
    Map<Long, Set<ByteKey>> head = byTime.headMap(threshold, true);
    List<ByteKey> keys = new ArrayList<>();
    for (Set<ByteKey> set : head.values()) {
      for (ByteKey k : set) {
        keys.add(k);
        earliest.remove(k);
      }
    }
    head.clear();
    if (sorted) {
      keys.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
    }
    return keys;
  }

  /** Whether {@code other} records the same keys with the same earliest eviction times. */
  boolean sameAs(JoinEvictionIndex other) {
    return earliest.equals(other.earliest);
  }

  /** Heap bytes the index occupies, estimated (key arrays are shared with the keys' own copies). */
  long memoryBytes() {
    return earliest.size() * 160L;
  }

  private void unlink(ByteKey key, long time) {
    Set<ByteKey> set = byTime.get(time);
    set.remove(key);
    if (set.isEmpty()) {
      byTime.remove(time);
    }
  }
}
