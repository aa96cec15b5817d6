package io.ember.operators.distinct;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.internal.KeyRows;
import io.ember.operators.memory.MemoryBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A columnar hash set of key rows. Keys live in chunks of column vectors (one chunk per batch that added
 * keys); an open-addressing table of {@code long} entries ({@code chunk << 32 | row}) with their hashes
 * indexes them. Nulls equal nulls. Reserves what it holds from a {@link MemoryBudget}.
 */
final class KeySet {
  private static final String OWNER = "Deduplicate";
  private static final int SLOT_BYTES = Long.BYTES + Integer.BYTES;

  private final StructType keySchema;
  private final MemoryBudget memory;
  private final List<ColumnVector[]> chunks = new ArrayList<>();
  private long[] slots;
  private int[] slotHashes;
  private int mask;
  private int size;
  private long reserved;
  private int[] hashes = new int[0];
  private int[] insertedSlots = new int[0];

  KeySet(StructType keySchema, MemoryBudget memory) {
    this.keySchema = keySchema;
    this.memory = memory;
    allocate(64);
  }

  /**
   * Adds the keys of {@code keys} (vectors of {@code rows} rows) and writes the rows whose key was new, in
   * order, to {@code selection}.
   *
   * @return how many rows were new
   */
  int addNew(ColumnVector[] keys, int rows, int[] selection) {
    ensureCapacity(size + rows);
    if (hashes.length < rows) {
      hashes = new int[rows];
      insertedSlots = new int[rows];
    }
    KeyRows.hash(keys, rows, hashes);
    int pending = chunks.size();
    int count = 0;
    for (int r = 0; r < rows; r++) {
      int h = hashes[r];
      int slot = h & mask;
      boolean found = false;
      while (slots[slot] != -1) {
        if (slotHashes[slot] == h) {
          long e = slots[slot];
          int chunk = (int) (e >>> 32);
          ColumnVector[] other = chunk == pending ? keys : chunks.get(chunk);
          if (KeyRows.equalNullSafe(keys, r, other, (int) e)) {
            found = true;
            break;
          }
        }
        slot = (slot + 1) & mask;
      }
      if (!found) {
        slots[slot] = ((long) pending << 32) | r;
        slotHashes[slot] = h;
        insertedSlots[count] = slot;
        selection[count++] = r;
        size++;
      }
    }
    if (count > 0) {
      keepChunk(keys, rows, selection, count);
    }
    return count;
  }

  /**
   * The most that {@link #addNew} of these keys may reserve: the table's growth if every row is new, and the rows'
   * keys. An operator that can spill asks whether this fits before adding.
   */
  long bytesToAdd(ColumnVector[] keys, int rows) {
    long bytes = 0;
    for (ColumnVector k : keys) {
      bytes += BatchSizes.estimate(k);
    }
    long needed = (long) (size + rows) * 2;
    if (needed > slots.length) {
      long capacity = slots.length;
      while (capacity < needed) {
        capacity <<= 1;
      }
      bytes += (capacity - slots.length) * SLOT_BYTES;
    }
    return bytes;
  }

  /** The number of keys held. */
  int size() {
    return size;
  }

  /** Every key, as one batch of the key schema. */
  Batch toBatch() {
    List<Batch> parts = new ArrayList<>(chunks.size());
    for (ColumnVector[] c : chunks) {
      parts.add(new Batch(keySchema, c, c[0].size()));
    }
    return parts.isEmpty() ? Batch.empty(keySchema) : Batch.concat(keySchema, parts);
  }

  /** Releases every reservation. */
  void release() {
    memory.release(reserved);
    reserved = 0;
  }

  private void keepChunk(ColumnVector[] keys, int rows, int[] selection, int count) {
    ColumnVector[] kept = new ColumnVector[keys.length];
    long bytes = 0;
    for (int i = 0; i < keys.length; i++) {
      kept[i] = count == rows ? keys[i] : keys[i].take(selection, count);
      bytes += BatchSizes.estimate(kept[i]);
    }
    reserve(bytes);
    long chunk = (long) chunks.size() << 32;
    for (int k = 0; k < count; k++) {
      slots[insertedSlots[k]] = chunk | k;
    }
    chunks.add(kept);
  }

  private void ensureCapacity(int needed) {
    if (needed * 2L <= slots.length) {
      return;
    }
    long[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    int capacity = slots.length;
    while (capacity < needed * 2L) {
      capacity <<= 1;
    }
    allocate(capacity);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != -1) {
        int slot = oldHashes[i] & mask;
        while (slots[slot] != -1) {
          slot = (slot + 1) & mask;
        }
        slots[slot] = oldSlots[i];
        slotHashes[slot] = oldHashes[i];
      }
    }
  }

  private void allocate(int capacity) {
    long before = slots == null ? 0 : (long) slots.length * SLOT_BYTES;
    reserve((long) capacity * SLOT_BYTES - before);
    slots = new long[capacity];
    Arrays.fill(slots, -1L);
    slotHashes = new int[capacity];
    mask = capacity - 1;
  }

  private void reserve(long bytes) {
    memory.reserve(bytes, OWNER);
    reserved += bytes;
  }
}
