package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.Arrays;

/**
 * The group table for a single key stored as an int or a long (int, date, year-month interval; bigint,
 * timestamp, day-time interval): maps each distinct value (and null, a group of its own) to a dense group id
 * {@code 0..size-1} in first-seen order.
 *
 * <p>The open-addressing table interleaves each slot's key and {@code group + 1} (0 = empty) in one
 * {@code long[]}, so a probe reads one cache line; a second array keeps the keys in group order for
 * {@link #keyColumn()}. The null group is never in the table.
 *
 * <p>Single-threaded.
 */
final class LongKeys {
  private static final int MIN_CAPACITY = 64;

  private final DataType type;
  private final boolean ints;
  /** Slot {@code p}: key at {@code 2p}, {@code group + 1} at {@code 2p + 1}. */
  private long[] table = new long[2 * MIN_CAPACITY];
  private int mask = MIN_CAPACITY - 1;
  private long[] keys = new long[MIN_CAPACITY / 2];
  private boolean[] nulls;
  private int nullGroup = -1;
  private int size;

  /** @param type the key's type: one that {@link DataTypes#storedAsInt} or {@link DataTypes#storedAsLong} */
  LongKeys(DataType type) {
    if (!DataTypes.storedAsInt(type) && !DataTypes.storedAsLong(type)) {
      throw new IllegalArgumentException("not an int- or long-stored type: " + type);
    }
    this.type = type;
    this.ints = DataTypes.storedAsInt(type);
  }

  static boolean supports(DataType type) {
    return DataTypes.storedAsInt(type) || DataTypes.storedAsLong(type);
  }

  int size() {
    return size;
  }

  /** Writes the group id of each row {@code [0, numRows)} of {@code column} into {@code groupIds}, adding new groups. */
  void findOrInsert(ColumnVector column, int numRows, int[] groupIds) {
    long[] longs = column instanceof LongVector lv ? lv.values() : null;
    int[] intValues = longs == null ? ((IntVector) column).values() : null;
    boolean[] nullMask = column.nullMask();
    for (int i = 0; i < numRows; i++) {
      if (nullMask != null && nullMask[i]) {
        groupIds[i] = nullGroup >= 0 ? nullGroup : addNullGroup();
        continue;
      }
      long key = longs != null ? longs[i] : intValues[i];
      int pos = hash(key) & mask;
      while (true) {
        long group = table[2 * pos + 1];
        if (group == 0) {
          groupIds[i] = insert(key, pos);
          break;
        }
        if (table[2 * pos] == key) {
          groupIds[i] = (int) group - 1;
          break;
        }
        pos = (pos + 1) & mask;
      }
    }
  }

  /** Every group's key in id order, as a vector of the key's type. */
  ColumnVector keyColumn() {
    boolean[] n = nullGroup >= 0 ? Arrays.copyOf(nulls, size) : null;
    if (ints) {
      int[] values = new int[size];
      for (int g = 0; g < size; g++) {
        values[g] = (int) keys[g];
      }
      return new IntVector(type, values, n, size);
    }
    return new LongVector(type, Arrays.copyOf(keys, size), n, size);
  }

  long estimatedBytes() {
    return 8L * table.length + 8L * keys.length + (nulls == null ? 0 : nulls.length);
  }

  /** MurmurHash3's 64-bit finalizer folded to 32 bits. */
  static int hash(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }

  private int insert(long key, int pos) {
    int group = newGroup(key);
    table[2 * pos] = key;
    table[2 * pos + 1] = group + 1;
    if (size * 2 > table.length / 2) {
      grow();
    }
    return group;
  }

  private int addNullGroup() {
    nullGroup = newGroup(0);
    nulls = new boolean[keys.length];
    nulls[nullGroup] = true;
    return nullGroup;
  }

  private int newGroup(long key) {
    int group = size;
    if (group == keys.length) {
      keys = Arrays.copyOf(keys, group * 2);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, keys.length);
      }
    }
    keys[group] = key;
    size++;
    return group;
  }

  private void grow() {
    int capacity = table.length; // slots double: the new array has 2 * (2 * old slots) longs
    long[] grown = new long[2 * capacity];
    int newMask = capacity - 1;
    for (int p = 0; p < table.length; p += 2) {
      long group = table[p + 1];
      if (group != 0) {
        int pos = hash(table[p]) & newMask;
        while (grown[2 * pos + 1] != 0) {
          pos = (pos + 1) & newMask;
        }
        grown[2 * pos] = table[p];
        grown[2 * pos + 1] = group;
      }
    }
    table = grown;
    mask = newMask;
  }
}
