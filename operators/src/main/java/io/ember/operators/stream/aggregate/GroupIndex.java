package io.ember.operators.stream.aggregate;

import io.ember.operators.state.ByteKey;
import io.ember.operators.state.IdSlots;
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
  private final IdSlots slots = new IdSlots(MIN_CAPACITY);

  /**
   * The id of the group whose key is the first {@code length} bytes of {@code buffer}; a group not in the set yet is
   * added (with a copy of the bytes) and gets the next id, {@link #size()} before the call.
   */
  int idOf(byte[] buffer, int length) {
    int hash = ByteKey.hash(buffer, 0, length);
    int s = slotOf(buffer, length, hash);
    int id = slots.id(s);
    if (id >= 0) {
      return id;
    }
    return insert(s, hash, new ByteKey(Arrays.copyOf(buffer, length)));
  }

  /** Adds {@code key} (held by reference) unless an equal key is in the set; returns whether it was added. */
  boolean add(ByteKey key) {
    byte[] k = key.bytes();
    int s = slotOf(k, k.length, key.hashCode());
    if (slots.id(s) >= 0) {
      return false;
    }
    insert(s, key.hashCode(), key);
    return true;
  }

  /** The slot of the key of {@code length} bytes of {@code buffer} (hash {@code hash}), or the empty slot ending its probe. */
  private int slotOf(byte[] buffer, int length, int hash) {
    int s = slots.start(hash);
    for (int id; (id = slots.id(s)) >= 0; s = slots.next(s)) {
      if (slots.hash(s) == hash) {
        byte[] k = keys.get(id).bytes();
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
    slots.put(s, id, hash);
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
    slots.shrink(n); // sized for an earlier, larger set: gives the slots back
  }
}
