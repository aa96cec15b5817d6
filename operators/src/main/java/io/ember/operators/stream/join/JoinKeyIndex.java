package io.ember.operators.stream.join;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The join keys one side stores rows under, each with its {@link JoinKeyRows}: an open-addressing hash table
 * (linear probing, backward-shift deletion) keyed by the keys' canonical bytes, so a lookup costs one hash of the
 * key and no allocation.
 *
 * <p>Derived data, kept on the heap and never snapshotted. Owned by one task; not thread-safe.
 */
final class JoinKeyIndex {
  private JoinKeyRows[] slots = new JoinKeyRows[16];
  private int keys;

  /** The entry of {@code key} (whose {@code ByteKey.hash} is {@code hash}), or null. */
  JoinKeyRows get(byte[] key, int hash) {
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      JoinKeyRows e = slots[i];
      if (e == null) {
        return null;
      }
      if (e.hash == hash && Arrays.equals(e.key, key)) {
        return e;
      }
    }
  }

  /** The entry of {@code key}, made (holding {@code key}, which must not change) when absent. */
  JoinKeyRows getOrAdd(byte[] key, int hash) {
    int mask = slots.length - 1;
    int i = spread(hash) & mask;
    for (; ; i = (i + 1) & mask) {
      JoinKeyRows e = slots[i];
      if (e == null) {
        break;
      }
      if (e.hash == hash && Arrays.equals(e.key, key)) {
        return e;
      }
    }
    JoinKeyRows e = new JoinKeyRows(key, hash);
    slots[i] = e;
    if (++keys * 4 > slots.length * 3) {
      grow();
    }
    return e;
  }

  /** Removes {@code entry} (an entry of this index). */
  void remove(JoinKeyRows entry) {
    int mask = slots.length - 1;
    int i = spread(entry.hash) & mask;
    while (slots[i] != entry) {
      i = (i + 1) & mask;
    }
    // backward-shift deletion: move later entries of the probe run into the gap when their home allows it
    int gap = i;
    for (int j = (gap + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = spread(slots[j].hash) & mask;
      if (((j - home) & mask) >= ((j - gap) & mask)) {
        slots[gap] = slots[j];
        gap = j;
      }
    }
    slots[gap] = null;
    keys--;
  }

  /** The number of keys. */
  int size() {
    return keys;
  }

  /** Calls {@code visitor} with every entry, in no particular order; the index must not change meanwhile. */
  void forEach(Consumer<JoinKeyRows> visitor) {
    for (JoinKeyRows e : slots) {
      if (e != null) {
        visitor.accept(e);
      }
    }
  }

  /** Heap bytes the table itself occupies (the entries count theirs). */
  long memoryBytes() {
    return 16 + 4L * slots.length;
  }

  private void grow() {
    JoinKeyRows[] old = slots;
    slots = new JoinKeyRows[old.length * 2];
    int mask = slots.length - 1;
    for (JoinKeyRows e : old) {
      if (e != null) {
        int i = spread(e.hash) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = e;
      }
    }
  }

  /** The slot hash: {@code ByteKey.hash} mixes every byte already; fold its high bits into the low ones. */
  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
