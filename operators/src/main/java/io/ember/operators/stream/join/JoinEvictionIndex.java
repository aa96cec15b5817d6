package io.ember.operators.stream.join;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The join keys of one {@link JoinSideState} that hold a row which can be evicted, ordered by the earliest eviction
 * time of their rows ({@link JoinKeyRows#minTime}), so an eviction visits only the keys holding a row at or before its
 * threshold instead of every stored row. Keys whose rows can never be evicted (eviction time {@link Long#MAX_VALUE})
 * are not in it at all.
 *
 * <p>A binary min-heap of the entries that knows each entry's position ({@link JoinKeyRows#queuePosition}), so
 * lowering a key's time moves its one entry instead of adding another: the heap holds each key at most once.
 *
 * <p>Derived data: it is never snapshotted. Its owner keeps it in step with its own changes (an appended row, a key
 * whose rows were evicted) and rebuilds it with the key index whenever the table may have changed under it (restore,
 * in-place rollback).
 *
 * <p>Owned by one task; not thread-safe.
 */
final class JoinEvictionIndex {
  private JoinKeyRows[] heap = new JoinKeyRows[16];
  private int size;

  /** Queues {@code key}, or moves it up after its {@link JoinKeyRows#minTime} was lowered; a no-op for a time of MAX. */
  void update(JoinKeyRows key) {
    if (key.minTime == Long.MAX_VALUE) {
      return;
    }
    if (key.queuePosition < 0) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      heap[size] = key;
      key.queuePosition = size;
      size++;
    }
    siftUp(key.queuePosition);
  }

  /**
   * Removes and returns the keys with a row whose eviction time is at or before {@code threshold} (the caller
   * {@link #update updates} those that keep rows after it removed the expired ones), in unsigned byte order of
   * their keys when {@code sorted}, else in no particular order.
   */
  List<JoinKeyRows> pollAtOrBefore(long threshold, boolean sorted) {
    List<JoinKeyRows> keys = new ArrayList<>();
    while (size > 0 && heap[0].minTime <= threshold) {
      JoinKeyRows top = heap[0];
      top.queuePosition = -1;
      size--;
      if (size > 0) {
        heap[0] = heap[size];
        heap[0].queuePosition = 0;
        siftDown(0);
      }
      heap[size] = null;
      keys.add(top);
    }
    if (sorted) {
      keys.sort((a, b) -> Arrays.compareUnsigned(a.key, b.key));
    }
    return keys;
  }

  /** The number of keys queued. */
  int size() {
    return size;
  }

  /**
   * Whether the heap is consistent: every queued entry knows its position and holds a finite time no earlier than its
   * parent's (for checks).
   */
  boolean consistent() {
    for (int i = 0; i < size; i++) {
      JoinKeyRows e = heap[i];
      if (e.queuePosition != i || e.minTime == Long.MAX_VALUE || i > 0 && heap[(i - 1) / 2].minTime > e.minTime) {
        return false;
      }
    }
    return true;
  }

  /** Heap bytes the index occupies. */
  long memoryBytes() {
    return 16 + 4L * heap.length;
  }

  private void siftUp(int i) {
    JoinKeyRows e = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      JoinKeyRows p = heap[parent];
      if (p.minTime <= e.minTime) {
        break;
      }
      heap[i] = p;
      p.queuePosition = i;
      i = parent;
    }
    heap[i] = e;
    e.queuePosition = i;
  }

  private void siftDown(int i) {
    JoinKeyRows e = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right].minTime < heap[child].minTime) {
        child = right;
      }
      JoinKeyRows c = heap[child];
      if (e.minTime <= c.minTime) {
        break;
      }
      heap[i] = c;
      c.queuePosition = i;
      i = child;
    }
    heap[i] = e;
    e.queuePosition = i;
  }
}
