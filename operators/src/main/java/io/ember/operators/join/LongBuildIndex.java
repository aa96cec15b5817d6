package io.ember.operators.join;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;

/**
 * The hash index of a join's build side when the equi key is one value stored as an int or a long (int, date,
 * year-month interval; bigint, timestamp, day-time interval) of the same type on both sides: an open-addressing
 * table from each distinct key to the first build row holding it, and a chain through the build rows of equal
 * keys in input order. A probe reads the key straight from the probe vector's primitive array, with no row hash
 * to compute, no boxing and no key comparison past the table's own: every row on a chain matches.
 *
 * <p>The table interleaves each slot's key and {@code first row + 1} (0 = empty) in one {@code long[]}, so a
 * probe of a present key reads one cache line; at most half the slots are used. Rows with a null key are not
 * indexed: they never match.
 */
final class LongBuildIndex {
  /** Bytes the index costs per build row (its chain link) and per slot. */
  static final int BYTES_PER_ROW = 4;
  static final int BYTES_PER_SLOT = 16;

  private final long[] table;
  private final int mask;
  private final int[] next;

  /** @param keys the build key vector: a {@link LongVector} or {@link IntVector} of a type {@link #supports} */
  LongBuildIndex(ColumnVector keys, int rows) {
    int slots = slotsFor(rows);
    this.table = new long[2 * slots];
    this.mask = slots - 1;
    this.next = new int[rows];
    long[] longs = keys instanceof LongVector lv ? lv.values() : null;
    int[] ints = longs == null ? ((IntVector) keys).values() : null;
    boolean[] nulls = keys.nullMask();
    for (int r = rows - 1; r >= 0; r--) { // backwards: each chain then lists its rows in input order
      if (nulls != null && nulls[r]) {
        continue;
      }
      long key = longs != null ? longs[r] : ints[r];
      int pos = hash(key) & mask;
      while (true) {
        long first = table[2 * pos + 1];
        if (first == 0) {
          table[2 * pos] = key;
          next[r] = -1;
          table[2 * pos + 1] = r + 1;
          break;
        }
        if (table[2 * pos] == key) {
          next[r] = (int) first - 1;
          table[2 * pos + 1] = r + 1;
          break;
        }
        pos = (pos + 1) & mask;
      }
    }
  }

  /** Whether a single equi key of build type {@code build} and probe type {@code probe} can use this index. */
  static boolean supports(DataType build, DataType probe) {
    return build.equals(probe) && (DataTypes.storedAsInt(build) || DataTypes.storedAsLong(build));
  }

  /** The slot count for {@code rows} build rows: a power of two, at least twice the rows. */
  static int slotsFor(int rows) {
    return BuildTable.bucketsFor(rows);
  }

  /** The index's bytes for {@code rows} build rows. */
  static long bytesFor(int rows) {
    return (long) rows * BYTES_PER_ROW + (long) slotsFor(rows) * BYTES_PER_SLOT;
  }

  /** The first build row whose key is {@code key}, or -1. */
  int first(long key) {
    int pos = hash(key) & mask;
    while (true) {
      long first = table[2 * pos + 1];
      if (first == 0) {
        return -1;
      }
      if (table[2 * pos] == key) {
        return (int) first - 1;
      }
      pos = (pos + 1) & mask;
    }
  }

  /** The next build row after {@code row} with the same key, or -1. */
  int next(int row) {
    return next[row];
  }

  /**
   * Writes, for each probe row {@code [0, rows)} of {@code probeKeys}, its first matching build row (or -1 for
   * none or a null key) into {@code firsts}.
   */
  void firsts(ColumnVector probeKeys, int rows, int[] firsts) {
    boolean[] nulls = probeKeys.nullMask();
    if (probeKeys instanceof LongVector lv) {
      long[] values = lv.values();
      for (int r = 0; r < rows; r++) {
        firsts[r] = nulls != null && nulls[r] ? -1 : first(values[r]);
      }
    } else {
      int[] values = ((IntVector) probeKeys).values();
      for (int r = 0; r < rows; r++) {
        firsts[r] = nulls != null && nulls[r] ? -1 : first(values[r]);
      }
    }
  }

  /** MurmurHash3's 64-bit finalizer folded to 32 bits (as the aggregate's long-keyed table). */
  static int hash(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }
}
