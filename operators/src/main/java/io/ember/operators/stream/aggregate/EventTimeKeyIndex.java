package io.ember.operators.stream.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state keys of a streaming aggregate that have an event time, grouped by that time (a window's end, or the
 * event-time column's value), so a watermark step visits only the keys it closes instead of every stored key.
 *
 * <p>A key's event time is part of the key, so it never changes: the owner {@link #add adds} a key once, when the
 * key enters the state table, and the index forgets it when {@link #removeAtOrBefore} hands it out. The index does
 * not look for duplicates: adding a key twice hands it out twice.
 *
 * <p>Derived data: it is never snapshotted. Its owner rebuilds it from the state table whenever the table may have
 * changed under it (restore, in-place rollback).
 *
 * <p>Owned by one task; not thread-safe.
 */
final class EventTimeKeyIndex {
  private final TreeMap<Long, List<byte[]>> byTime = new TreeMap<>();
  private long size;
  /** The list of the time added last, as consecutive adds mostly share a time (one window end per batch). */
  private long lastTime;
  private List<byte[]> lastList;

  /** Records {@code key} (not changed afterwards), whose event time is {@code eventTime}. */
  void add(byte[] key, long eventTime) {
    List<byte[]> list = lastList;
    if (list == null || lastTime != eventTime) {
      list = byTime.computeIfAbsent(eventTime, t -> new ArrayList<>());
      lastTime = eventTime;
      lastList = list;
    }
    list.add(key);
    size++;
  }

  /**
   * Removes and returns the keys whose event time is at or before {@code threshold}, ordered by event time, then by
   * unsigned key bytes.
   */
  List<byte[]> removeAtOrBefore(long threshold) {
    Map<Long, List<byte[]>> due = byTime.headMap(threshold, true);
    if (due.isEmpty()) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    for (List<byte[]> keys : due.values()) {
      keys.sort(Arrays::compareUnsigned);
      out.addAll(keys);
    }
    due.clear();
    size -= out.size();
    lastList = null;
    return out;
  }

  /** The smallest event time of a recorded key; {@link Long#MAX_VALUE} when none is recorded. */
  long firstTime() {
    return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey();
  }

  /** The number of keys recorded. */
  long size() {
    return size;
  }

  /** Heap bytes the index occupies, estimated (the key arrays are the state table's). */
  long memoryBytes() {
    return size * 8 + byTime.size() * 96L;
  }
}
