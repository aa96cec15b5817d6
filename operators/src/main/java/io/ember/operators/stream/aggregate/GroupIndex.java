package io.ember.operators.stream.aggregate;

import io.ember.operators.state.ByteKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of encoded keys with dense ids in order of arrival (a streaming aggregate's working set of groups, or the keys
 * an epoch updated): open addressing (linear probing) over the ids with their keys' hashes cached, so finding a key
 * already in the set costs neither a copy of the key nor an object; a new key from a buffer is copied once.
 *
 * <p>Owned by one operator instance; not thread-safe.
 */
final class GroupIndex {
  private static final int MIN_CAPACITY = 64;

  private final List<ByteKey> keys = new ArrayList<>();
  /** Per slot the group id + 1; 0 for an empty slot. */
  private int[] slots = new int[MIN_CAPACITY];
  private int[] hashes = new int[MIN_CAPACITY];
  private int mask = MIN_CAPACITY - 1;

  /**
   * The id of the group whose key is the first {@code length} bytes of {@code buffer}; a group not in the set yet is
   * added (with a copy of the bytes) and gets the next id, {@link #size()} before the call.
   */
  int idOf(byte[] buffer, int length) {
    int hash = ByteKey.hash(buffer, 0, length);
    int s = slotOf(buffer, length, hash);
    if (slots[s] != 0) {
      return slots[s] - 1;
    }
    return insert(s, hash, new ByteKey(Arrays.copyOf(buffer, length)));
  }

  /** Adds {@code key} (held by reference) unless an equal key is in the set; returns whether it was added. */
  boolean add(ByteKey key) {
    byte[] k = key.bytes();
    int s = slotOf(k, k.length, key.hashCode());
    if (slots[s] != 0) {
      return false;
    }
    insert(s, key.hashCode(), key);
    return true;
  }

  /** The slot of the key of {@code length} bytes of {@code buffer} (hash {@code hash}), or the empty slot ending its probe. */
  private int slotOf(byte[] buffer, int length, int hash) {
    int s = hash & mask;
    for (int id; (id = slots[s]) != 0; s = (s + 1) & mask) {
      if (hashes[s] == hash) {
        byte[] k = keys.get(id - 1).bytes();
        if (k.length == length && Arrays.equals(k, 0, length, buffer, 0, length)) {
          return s;
        }
      }
    }
    return s;
  }

  private int insert(int s, int hash, ByteKey key) {
    int id = keys.size();
    keys.add(key);
    slots[s] = id + 1;
    hashes[s] = hash;
    if (keys.size() * 2 > slots.length) { // at most half the slots hold a key
      grow();
    }
    return id;
  }

  /** The key of group {@code id}. */
  ByteKey key(int id) {
    return keys.get(id);
  }

  /** The groups' keys, by id (a live view). */
  List<ByteKey> keys() {
    return keys;
  }

  /** The number of groups. */
  int size() {
    return keys.size();
  }

  /** Forgets every group; the next group gets id 0. */
  void clear() {
    int n = keys.size();
    keys.clear();
    if (slots.length > 8L * Math.max(n, MIN_CAPACITY)) { // sized for an earlier, larger set: give the slots back
      int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, n)) * 4);
      slots = new int[capacity];
      hashes = new int[capacity];
      mask = capacity - 1;
    } else if (n > 0) {
      Arrays.fill(slots, 0);
    }
  }

  private void grow() {
    int[] oldSlots = slots;
    int[] oldHashes = hashes;
    slots = new int[oldSlots.length * 2];
    hashes = new int[oldSlots.length * 2];
    mask = slots.length - 1;
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
