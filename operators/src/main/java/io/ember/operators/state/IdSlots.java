package io.ember.operators.state;

import java.util.Arrays;

/**
 * The slots of an open-addressing (linear probing) index of dense ids whose keys the caller holds: each slot holds an
 * id and its key's cached hash, or is empty. The caller walks a key's probe path from {@link #start} with {@link
 * #next} until it finds its key (comparing the hash, then the keys it holds for {@link #id}) or an empty slot, and
 * puts a new id there with {@link #put}; the slots then grow to stay at most half full, placing every id by its cached
 * hash again (no key is hashed twice).
 *
 * <p>Owned by one task; not thread-safe.
 */
public final class IdSlots {
  private final int minCapacity;
  /** Per slot an id + 1; 0 for an empty slot. */
  private int[] slots;
  private int[] hashes;
  private int mask;
  private int size;

  /** Empty slots, {@code minCapacity} (a power of two) of them to start with and after a {@link #shrink}. */
  public IdSlots(int minCapacity) {
    if (Integer.bitCount(minCapacity) != 1) {
      throw new IllegalArgumentException("The capacity must be a power of two, got " + minCapacity);
    }
    this.minCapacity = minCapacity;
    allocate(minCapacity);
  }

  private void allocate(int capacity) {
    slots = new int[capacity];
    hashes = new int[capacity];
    mask = capacity - 1;
  }

  /** The first slot of the probe path of a key hashing to {@code hash}. */
  public int start(int hash) {
    return hash & mask;
  }

  /** The slot after {@code s} on a probe path. */
  public int next(int s) {
    return (s + 1) & mask;
  }

  /** The id in slot {@code s}, or -1 when it is empty. */
  public int id(int s) {
    return slots[s] - 1;
  }

  /** The cached hash of the key whose id is in slot {@code s} (meaningless for an empty slot). */
  public int hash(int s) {
    return hashes[s];
  }

  /**
   * Puts {@code id} (>= 0), whose key hashes to {@code hash}, into empty slot {@code s} (the end of that key's probe
   * path); slot numbers from before the call are void after it (the slots may grow).
   */
  public void put(int s, int id, int hash) {
    slots[s] = id + 1;
    hashes[s] = hash;
    if (++size * 2 > slots.length) {
      grow();
    }
  }

  /**
   * Empties slot {@code s} (which holds an id), moving later ids of its probe run back towards their first slot
   * (backward-shift deletion, by the cached hashes), so every probe path stays unbroken; slot numbers from before the
   * call are void after it.
   */
  public void remove(int s) {
    int gap = s;
    for (int j = next(gap); slots[j] != 0; j = next(j)) {
      int home = hashes[j] & mask;
      if (((j - home) & mask) >= ((j - gap) & mask)) {
        slots[gap] = slots[j];
        hashes[gap] = hashes[j];
        gap = j;
      }
    }
    slots[gap] = 0;
    size--;
  }

  /** Heap bytes the slots occupy. */
  public long memoryBytes() {
    return 2L * Integer.BYTES * slots.length;
  }

  /** The number of ids held. */
  public int size() {
    return size;
  }

  /** Empties every slot, keeping the capacity. */
  public void clear() {
    if (size > 0) {
      Arrays.fill(slots, 0);
      size = 0;
    }
  }

  /**
   * Empties every slot, and gives memory back when the slots are over eight times what {@code expected} ids (the
   * number held before, say) need: then about four slots per expected id, at least the starting capacity, remain.
   */
  public void shrink(int expected) {
    if (slots.length > 8L * Math.max(expected, minCapacity)) {
      allocate(Math.max(minCapacity, Integer.highestOneBit(Math.max(1, expected)) * 4));
      size = 0;
    } else {
      clear();
    }
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    allocate(oldSlots.length * 2);
    for (int s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] != 0) {
        int t = oldHashes[s] & mask;
        while (slots[t] != 0) {
          t = (t + 1) & mask;
        }
        slots[t] = oldSlots[s];
        hashes[t] = oldHashes[s];
      }
    }
  }
}
