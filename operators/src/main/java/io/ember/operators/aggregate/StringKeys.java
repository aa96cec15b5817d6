package io.ember.operators.aggregate;

import io.ember.core.data.StringVector;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The group table for a single string key: maps each distinct UTF-8 byte string (and null, a group of its own)
 * to a dense group id {@code 0..size-1} in first-seen order.
 *
 * <p>Keys are hashed and compared as the input vector's bytes, never decoded. Each group's bytes are appended
 * to one contiguous arena ({@code arena[offsets[g] .. offsets[g+1])}). An open-addressing slot is two longs
 * side by side: the key's 32-bit hash in the high half and {@code group + 1} in the low half (0 = empty), then
 * a key of at most 7 bytes itself (its bytes and its length, see {@link #inline}) or {@link #LONG_KEY}. A
 * probe compares hash and inline word without leaving the slot array; only a key longer than 7 bytes whose
 * hash matches is compared in the arena. Growing rehashes from the slots alone. The null group has an empty
 * byte range and is never in the slots.
 *
 * <p>Single-threaded.
 */
final class StringKeys {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MIN_CAPACITY = 64;
  private static final long HASH_BITS = 0xFFFF_FFFF_0000_0000L;
  /** The inline word of a key longer than 7 bytes (no inline word has a length byte of 0xFF). */
  static final long LONG_KEY = -1L;

  /** Slot {@code p}: hash and group at {@code 2p}, inline word at {@code 2p + 1}. */
  private long[] slots = new long[2 * MIN_CAPACITY];
  private int mask = MIN_CAPACITY - 1;
  private byte[] arena = new byte[1024];
  private int[] offsets = new int[MIN_CAPACITY / 2 + 1];
  private boolean[] nulls;
  private int nullGroup = -1;
  private int size;

  int size() {
    return size;
  }

  /** Writes the group id of each row {@code [0, numRows)} of {@code keys} into {@code groupIds}, adding new groups. */
  void findOrInsert(StringVector keys, int numRows, int[] groupIds) {
    byte[] bytes = keys.bytes();
    int[] offs = keys.offsets();
    boolean[] nullMask = keys.nullMask();
    for (int i = 0; i < numRows; i++) {
      if (nullMask != null && nullMask[i]) {
        groupIds[i] = nullGroup >= 0 ? nullGroup : addNullGroup();
        continue;
      }
      int start = offs[i];
      int end = offs[i + 1];
      long word = inline(bytes, start, end);
      int hash = word != LONG_KEY ? mix(word) : hash(bytes, start, end);
      long tag = (long) hash << 32;
      long[] s = slots;
      int pos = hash & mask;
      while (true) {
        long slot = s[2 * pos];
        if (slot == 0) {
          groupIds[i] = insert(bytes, start, end, tag, word, pos);
          break;
        }
        if ((slot & HASH_BITS) == tag && s[2 * pos + 1] == word) {
          int group = (int) slot - 1;
          if (word != LONG_KEY || keyEquals(group, bytes, start, end)) {
            groupIds[i] = group;
            break;
          }
        }
        pos = (pos + 1) & mask;
      }
    }
  }

  /** Every group's key in id order; shares the arena (appends after this call do not change the vector). */
  StringVector keyColumn() {
    return new StringVector(arena, offsets, nullGroup >= 0 ? nulls : null, size);
  }

  long estimatedBytes() {
    return 8L * slots.length + arena.length + 4L * offsets.length + (nulls == null ? 0 : nulls.length);
  }

  /**
   * A key of at most 7 bytes as one word: byte {@code k} in bits {@code 8k..8k+7}, the length in the top byte;
   * {@link #LONG_KEY} for a longer key. Two keys of at most 7 bytes are equal exactly when their words are.
   */
  static long inline(byte[] bytes, int start, int end) {
    int len = end - start;
    if (len > 7) {
      return LONG_KEY;
    }
    long word = (long) len << 56;
    for (int k = 0; k < len; k++) {
      word |= (bytes[start + k] & 0xFFL) << (8 * k);
    }
    return word;
  }

  /** The hash of a key's inline word. */
  static int mix(long word) {
    long h = word * 0x9E37_79B9_7F4A_7C15L;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }

  /**
   * The hash of a key longer than 7 bytes, {@code bytes[start, end)}: eight bytes at a time, the tail packed into one word, the length mixed
   * in, finished with MurmurHash3's 64-bit mix and folded to 32 bits.
   */
  static int hash(byte[] bytes, int start, int end) {
    long h = 0x9E37_79B9_7F4A_7C15L * (end - start + 1);
    int i = start;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(bytes, i)) * 0xBF58_476D_1CE4_E5B9L;
      h ^= h >>> 31;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (bytes[i] & 0xFFL) << shift;
    }
    h = (h ^ tail) * 0x94D0_49BB_1331_11EBL;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }

  private boolean keyEquals(int group, byte[] bytes, int start, int end) {
    int from = offsets[group];
    int len = end - start;
    if (offsets[group + 1] - from != len) {
      return false;
    }
    if (len <= 16) {
      byte[] a = arena;
      for (int k = 0; k < len; k++) {
        if (a[from + k] != bytes[start + k]) {
          return false;
        }
      }
      return true;
    }
    return Arrays.equals(arena, from, from + len, bytes, start, end);
  }

  private int insert(byte[] bytes, int start, int end, long tag, long word, int pos) {
    int group = newGroup(end - start);
    System.arraycopy(bytes, start, arena, offsets[group], end - start);
    slots[2 * pos] = tag | (group + 1);
    slots[2 * pos + 1] = word;
    if (size * 4 > slots.length) {
      grow();
    }
    return group;
  }

  private int addNullGroup() {
    nullGroup = newGroup(0);
    nulls = new boolean[offsets.length];
    nulls[nullGroup] = true;
    return nullGroup;
  }

  /** Adds a group of {@code len} bytes at the arena's end (not yet written) and returns its id. */
  private int newGroup(int len) {
    int group = size;
    if (group + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, offsets.length);
      }
    }
    int from = offsets[group];
    if (from + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(from + len, arena.length * 2));
    }
    offsets[group + 1] = from + len;
    size++;
    return group;
  }

  private void grow() {
    int capacity = slots.length; // slots double: the new array has 2 * (2 * old slots) longs
    long[] grown = new long[2 * capacity];
    int newMask = capacity - 1;
    for (int p = 0; p < slots.length; p += 2) {
      long slot = slots[p];
      if (slot != 0) {
        int pos = (int) (slot >>> 32) & newMask;
        while (grown[2 * pos] != 0) {
          pos = (pos + 1) & newMask;
        }
        grown[2 * pos] = slot;
        grown[2 * pos + 1] = slots[p + 1];
      }
    }
    slots = grown;
    mask = newMask;
  }
}
