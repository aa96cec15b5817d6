package io.ember.operators.state;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * The heap backend's {@link StateTable}: open addressing (linear probing) over parallel arrays of cached hashes, key
 * arrays and value arrays, so an entry costs no objects beyond the caller's two arrays. Growing copies the cached
 * hashes and never hashes a key again.
 *
 * <p>A slot is empty (no key), live (key and value) or a tombstone (a removed entry: key kept, value null). A
 * lookup for a key that has a tombstone finds that tombstone and revives it, so a key keeps its slot while it is
 * removed and put back. An empty slot's cached hash is 0 (a key whose hash is 0 caches {@link #NONZERO} instead), so
 * a probe reads only the hash array until a hash matches.
 *
 * <p><b>Tombstones</b> lengthen probes until they are cleared: {@link #nextRound()} empties every tombstone in place
 * (moving later entries of a probe run back towards their home slot) once they hold more than a {@link
 * #PURGE_SHARE}-th of the slots, so a table whose keys are inserted and then removed in bulk (a window's groups,
 * evicted when the watermark passes it) stays as short to probe as its live entries make it. Until then an insert
 * reuses the first tombstone of an older round on its probe path, and growth drops them. A new round also gives slots
 * back when fewer than one in {@link #SHRINK_SHARE} is live (a state that shrank after a burst): the arrays are rebuilt
 * as small as keeps them at most half full.
 *
 * <p><b>Touch marks</b> (for {@link HeapTrackedTable}): while {@link #touching} is on, the first change of a slot
 * after {@link #nextRound()} stamps it with the round and appends it to the {@link #touched()} list, and {@link
 * #firstTouch()} tells the caller so (it then records the slot's before-image). A tombstone stamped in the current
 * round is never reused for another key and survives growth in its slot's place in the list, so every key changed in
 * a round has exactly one slot in the list, which holds the key and its current value (null: removed).
 *
 * <p>Owned by one task; not thread-safe.
 */
final class HeapTable implements StateTable {
  /** Bytes an entry costs besides its key and value arrays and its slot: the two arrays' headers. */
  static final long ENTRY_OVERHEAD_BYTES = 32;
  private static final int MIN_CAPACITY = 16;
  /** {@link #nextRound()} empties the tombstones once more than one slot in this many holds one. */
  static final int PURGE_SHARE = 8;
  /**
   * {@link #nextRound()} gives slots back once fewer than one in this many holds a live entry (and there are more
   * than {@link #SHRINK_MIN_CAPACITY}): the table then holds a quarter to a half of its slots again.
   */
  static final int SHRINK_SHARE = 8;
  /** The capacity at or below which a table never shrinks. */
  static final int SHRINK_MIN_CAPACITY = 64;
  /** The cached hash of a key whose hash is 0 (0 marks an empty slot). */
  private static final int NONZERO = 0x9e3779b9;

  private int[] hashes;
  private byte[][] keys;
  private byte[][] values;
  /** The round in which each slot last changed while touching; 0: never. */
  private int[] stamps;
  private int mask;
  private int size;
  /** Slots holding a key: live entries and tombstones. */
  private int used;
  private long bytes;

  private boolean touching;
  private int round = 1;
  private int[] touched = new int[16];
  private int touchedCount;
  private boolean firstTouch;

  HeapTable() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    hashes = new int[capacity];
    keys = new byte[capacity][];
    values = new byte[capacity][];
    stamps = new int[capacity];
    mask = capacity - 1;
  }

  // ---- StateTable ----

  @Override
  public byte[] get(byte[] key) {
    int s = lookup(key, ByteKey.hash(key));
    return s < 0 ? null : values[s];
  }

  @Override
  public byte[] get(ByteKey key) {
    int s = lookup(key.bytes(), key.hashCode());
    return s < 0 ? null : values[s];
  }

  @Override
  public void put(byte[] key, byte[] value) {
    put(key, ByteKey.hash(key), value);
  }

  @Override
  public byte[] replace(ByteKey key, byte[] value) {
    return put(key.bytes(), key.hashCode(), value);
  }

  @Override
  public boolean remove(byte[] key) {
    return remove(key, ByteKey.hash(key)) != null;
  }

  @Override
  public byte[] removeValue(ByteKey key) {
    return remove(key.bytes(), key.hashCode());
  }

  @Override
  public void forEach(BiConsumer<byte[], byte[]> visitor) {
    for (int s = 0; s < values.length; s++) {
      if (values[s] != null) {
        visitor.accept(keys[s], values[s]);
      }
    }
  }

  @Override
  public long removeIf(BiPredicate<byte[], byte[]> test) {
    long removed = 0;
    for (int s = 0; s < values.length; s++) {
      if (values[s] != null && test.test(keys[s], values[s])) {
        removeAt(s);
        removed++;
      }
    }
    return removed;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long memoryBytes() {
    return bytes + 16L * values.length + 4L * touched.length;
  }

  @Override
  public void clear() {
    Arrays.fill(hashes, 0);
    Arrays.fill(keys, null);
    Arrays.fill(values, null);
    Arrays.fill(stamps, 0);
    size = 0;
    used = 0;
    bytes = 0;
    touchedCount = 0;
  }

  @Override
  public void close() {
    allocate(MIN_CAPACITY);
    size = 0;
    used = 0;
    bytes = 0;
    touched = new int[16];
    touchedCount = 0;
  }

  // ---- slots ----

  /** Stores {@code value} under {@code key} (whose {@link ByteKey#hash} is {@code hash}); returns the old value. */
  byte[] put(byte[] key, int hash, byte[] value) {
    if (value == null) {
      throw new NullPointerException("A state value must not be null");
    }
    int s = find(key, 0, key.length, hash);
    if (s < 0) {
      s = insert(key, hash, -s - 1);
    } else if (values[s] == null) {
      size++;
      bytes += key.length + ENTRY_OVERHEAD_BYTES;
    }
    byte[] old = values[s];
    touch(s);
    values[s] = value;
    bytes += value.length - (old == null ? 0 : old.length);
    return old;
  }

  /** Removes {@code key}; returns the value it had, or null. */
  byte[] remove(byte[] key, int hash) {
    int s = find(key, 0, key.length, hash);
    if (s < 0 || values[s] == null) {
      firstTouch = false;
      return null;
    }
    return removeAt(s);
  }

  /** Makes live slot {@code s} a tombstone; returns its value. */
  byte[] removeAt(int s) {
    byte[] old = values[s];
    touch(s);
    values[s] = null;
    size--;
    bytes -= keys[s].length + old.length + ENTRY_OVERHEAD_BYTES;
    return old;
  }

  /**
   * The slot holding {@code key} (the {@code length} bytes of {@code buffer} from {@code offset}), live or a
   * tombstone; else {@code -(slot to insert it at) - 1}: the first reusable tombstone on its probe path, or the empty
   * slot that ends the path.
   */
  int find(byte[] buffer, int offset, int length, int hash) {
    int h = stored(hash);
    boolean reuse = used != size; // any tombstones
    int free = -1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int sh = hashes[s];
      if (sh == 0) {
        return -(free >= 0 ? free : s) - 1;
      }
      if (sh == h) {
        byte[] k = keys[s];
        if (k.length == length && Arrays.equals(k, 0, length, buffer, offset, offset + length)) {
          return s;
        }
      }
      if (reuse && free < 0 && values[s] == null && stamps[s] != round) {
        free = s;
      }
    }
  }

  /** The slot holding {@code key} (whose {@link ByteKey#hash} is {@code hash}), live or a tombstone; else -1. */
  private int lookup(byte[] key, int hash) {
    int h = stored(hash);
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int sh = hashes[s];
      if (sh == 0) {
        return -1;
      }
      if (sh == h && Arrays.equals(keys[s], key)) {
        return s;
      }
    }
  }

  /** The hash cached for a key of hash {@code hash}: never 0, which marks an empty slot. */
  private static int stored(int hash) {
    return hash == 0 ? NONZERO : hash;
  }

  private int insert(byte[] key, int hash, int s) {
    if (keys[s] == null) {
      if ((used + 1) * 10L > (long) values.length * 7) { // at most 70% of the slots hold keys
        rehash(false);
        s = -find(key, 0, key.length, hash) - 1;
      }
      used++;
    }
    keys[s] = key;
    hashes[s] = stored(hash);
    size++;
    bytes += key.length + ENTRY_OVERHEAD_BYTES;
    return s;
  }

  /** Stamps slot {@code s} changed in this round (if touching) and sets {@link #firstTouch()}. */
  private void touch(int s) {
    if (!touching || stamps[s] == round) {
      firstTouch = false;
      return;
    }
    stamps[s] = round;
    if (touchedCount == touched.length) {
      touched = Arrays.copyOf(touched, touchedCount * 2);
    }
    touched[touchedCount++] = s;
    firstTouch = true;
  }

  /**
   * Rebuilds the arrays without the tombstones not touched this round, twice as large when more than half the slots
   * are live or touched, or (when {@code shrink}) as small as keeps at most half of them live or touched; the touched
   * list follows its slots.
   */
  private void rehash(boolean shrink) {
    int[] oldHashes = hashes;
    byte[][] oldKeys = keys;
    byte[][] oldValues = values;
    int[] oldStamps = stamps;
    int kept = 0;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != null && (oldValues[s] != null || oldStamps[s] == round)) {
        kept++;
      }
    }
    int capacity = shrink ? MIN_CAPACITY : oldKeys.length;
    while ((kept + 1) * 2L > capacity) {
      capacity *= 2;
    }
    allocate(capacity);
    int[] moved = new int[oldKeys.length];
    used = 0;
    for (int s = 0; s < oldKeys.length; s++) {
      byte[] k = oldKeys[s];
      if (k == null || (oldValues[s] == null && oldStamps[s] != round)) {
        continue;
      }
      int t = oldHashes[s] & mask;
      while (hashes[t] != 0) {
        t = (t + 1) & mask;
      }
      hashes[t] = oldHashes[s];
      keys[t] = k;
      values[t] = oldValues[s];
      stamps[t] = oldStamps[s];
      moved[s] = t;
      used++;
    }
    for (int i = 0; i < touchedCount; i++) {
      touched[i] = moved[touched[i]];
    }
  }

  // ---- touch marks, for HeapTrackedTable ----

  /** Turns touch marks on or off (off: changes are neither stamped nor listed). */
  void touching(boolean on) {
    touching = on;
  }

  /** Whether the last put or remove touched its slot for the first time this round (false when not touching). */
  boolean firstTouch() {
    return firstTouch;
  }

  /**
   * Starts a new round: nothing is touched in it yet. Every tombstone is then of an older round; they are emptied
   * when more than one slot in {@link #PURGE_SHARE} holds one, and the arrays are rebuilt smaller (without them) when
   * fewer than one slot in {@link #SHRINK_SHARE} holds a live entry.
   */
  void nextRound() {
    touchedCount = 0;
    if (touched.length > 1024 && touched.length > 4 * Math.max(size, 16)) {
      touched = new int[16];
    }
    if (++round == Integer.MAX_VALUE) { // stamps from older rounds must never equal a new round
      Arrays.fill(stamps, 0);
      round = 1;
    }
    if (values.length > SHRINK_MIN_CAPACITY && (long) size * SHRINK_SHARE < values.length) {
      rehash(true); // drops every tombstone too: all are of older rounds now
    } else if ((long) (used - size) * PURGE_SHARE > values.length) {
      purgeTombstones();
    }
  }

  /**
   * Empties every tombstone in place; call only while no slot is touched in the current round. Walks the slots once,
   * from just after an empty one: a tombstone becomes empty, a live entry moves to the first empty slot on its probe
   * path from its home slot, if any. The slots before it on that path were walked already and are final, so every
   * entry stays reachable from its home without crossing an empty slot.
   */
  private void purgeTombstones() {
    int start = 0;
    while (hashes[start] != 0) { // there is an empty slot: at most 70% of them hold keys
      start++;
    }
    for (int i = 1; i <= mask + 1; i++) {
      int s = (start + i) & mask;
      if (hashes[s] == 0) {
        continue;
      }
      if (values[s] == null) {
        empty(s);
        continue;
      }
      int t = hashes[s] & mask;
      while (t != s && hashes[t] != 0) {
        t = (t + 1) & mask;
      }
      if (t != s) {
        hashes[t] = hashes[s];
        keys[t] = keys[s];
        values[t] = values[s];
        stamps[t] = stamps[s];
        empty(s);
      }
    }
    used = size;
  }

  private void empty(int s) {
    hashes[s] = 0;
    keys[s] = null;
    values[s] = null;
    stamps[s] = 0;
  }

  /** Slots holding a tombstone (for checks). */
  int tombstones() {
    return used - size;
  }

  /** Forgets the touched list of this round (the stamps stay: the slots count as touched). */
  void dropTouchedList() {
    touchedCount = 0;
  }

  /** How many slots the touched list holds. */
  int touchedCount() {
    return touchedCount;
  }

  /** The slots touched this round, in order of first touch; only the first {@link #touchedCount()} count. */
  int[] touched() {
    return touched;
  }

  /** The number of slots (for walking them with {@link #keyAt}/{@link #valueAt}). */
  int capacity() {
    return values.length;
  }

  /** The key in slot {@code s}, or null when it is empty. */
  byte[] keyAt(int s) {
    return keys[s];
  }

  /** The value in slot {@code s}, or null when it is empty or a tombstone. */
  byte[] valueAt(int s) {
    return values[s];
  }
}
