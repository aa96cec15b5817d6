package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import java.util.Arrays;

/**
 * A vectorized open-addressing hash table from key tuples (one value per key column, any types, nulls
 * allowed: null equals null, so null is a group of its own) to dense group ids {@code 0..size-1} in
 * first-seen order. A single string key goes to {@link StringKeys} (bytes in one arena, hash in the slot),
 * a single int- or long-stored key to {@link LongKeys} (key and group in one slot); any other key tuple is
 * stored columnar in a {@link RowStore}, the table keeping one int slot per bucket and each group's hash,
 * so growing never re-reads keys.
 *
 * <p>Single-threaded.
 */
final class KeyTable {
  private static final int NULL_HASH = 0x5bd1e995;
  private static final int MIN_CAPACITY = 64;

  private final StringKeys stringKeys;
  private final LongKeys longKeys;
  private final RowStore keys;
  private int[] slots = new int[MIN_CAPACITY];
  private int mask = MIN_CAPACITY - 1;
  private int[] groupHashes = new int[MIN_CAPACITY / 2];
  private int[] hashBuffer = new int[0];

  KeyTable(DataType[] keyTypes) {
    boolean single = keyTypes.length == 1;
    this.stringKeys = single && keyTypes[0] instanceof StringType ? new StringKeys() : null;
    this.longKeys = single && LongKeys.supports(keyTypes[0]) ? new LongKeys(keyTypes[0]) : null;
    this.keys = stringKeys == null && longKeys == null ? new RowStore(keyTypes) : null;
  }

  int size() {
    return stringKeys != null ? stringKeys.size() : longKeys != null ? longKeys.size() : keys.size();
  }

  /** Writes the group id of each row {@code [0, numRows)} of {@code columns} into {@code groupIds}, adding new groups. */
  void findOrInsert(ColumnVector[] columns, int numRows, int[] groupIds) {
    if (stringKeys != null) {
      stringKeys.findOrInsert((StringVector) columns[0], numRows, groupIds);
      return;
    }
    if (longKeys != null) {
      longKeys.findOrInsert(columns[0], numRows, groupIds);
      return;
    }
    int[] hashes = hash(columns, numRows);
    keys.beginBatch(columns);
    try {
      for (int i = 0; i < numRows; i++) {
        groupIds[i] = findOrInsertRow(columns, i, hashes[i]);
      }
    } finally {
      keys.endBatch();
    }
  }

  /** The keys of every group in id order, one vector per key column. */
  ColumnVector[] keyColumns() {
    if (stringKeys != null) {
      return new ColumnVector[] {stringKeys.keyColumn()};
    }
    if (longKeys != null) {
      return new ColumnVector[] {longKeys.keyColumn()};
    }
    return keys.columns();
  }

  long estimatedBytes() {
    if (stringKeys != null) {
      return stringKeys.estimatedBytes();
    }
    if (longKeys != null) {
      return longKeys.estimatedBytes();
    }
    return 4L * slots.length + 4L * groupHashes.length + keys.estimatedBytes();
  }

  private int findOrInsertRow(ColumnVector[] columns, int row, int hash) {
    int pos = hash & mask;
    while (true) {
      int slot = slots[pos];
      if (slot == 0) {
        return insert(row, hash, pos);
      }
      int group = slot - 1;
      if (groupHashes[group] == hash && keyEquals(group, columns, row)) {
        return group;
      }
      pos = (pos + 1) & mask;
    }
  }

  private int insert(int row, int hash, int pos) {
    int group = keys.add(row);
    if (group == groupHashes.length) {
      groupHashes = Arrays.copyOf(groupHashes, group * 2);
    }
    groupHashes[group] = hash;
    slots[pos] = group + 1;
    if (keys.size() * 2 > slots.length) {
      grow();
    }
    return group;
  }

  private boolean keyEquals(int group, ColumnVector[] columns, int row) {
    int storedRow = keys.row(group);
    for (int c = 0; c < columns.length; c++) {
      ColumnVector stored = keys.column(group, c);
      boolean storedNull = stored.isNull(storedRow);
      if (storedNull != columns[c].isNull(row)) {
        return false;
      }
      if (!storedNull && !stored.equalsAt(storedRow, columns[c], row)) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int capacity = slots.length * 2;
    int[] grown = new int[capacity];
    int newMask = capacity - 1;
    for (int group = 0, n = keys.size(); group < n; group++) {
      int pos = groupHashes[group] & newMask;
      while (grown[pos] != 0) {
        pos = (pos + 1) & newMask;
      }
      grown[pos] = group + 1;
    }
    slots = grown;
    mask = newMask;
  }

  private int[] hash(ColumnVector[] columns, int numRows) {
    if (hashBuffer.length < numRows) {
      hashBuffer = new int[numRows];
    }
    int[] h = hashBuffer;
    Arrays.fill(h, 0, numRows, 17);
    for (ColumnVector col : columns) {
      if (col.mayHaveNulls()) {
        for (int i = 0; i < numRows; i++) {
          h[i] = h[i] * 31 + (col.isNull(i) ? NULL_HASH : col.hashAt(i));
        }
      } else {
        for (int i = 0; i < numRows; i++) {
          h[i] = h[i] * 31 + col.hashAt(i);
        }
      }
    }
    for (int i = 0; i < numRows; i++) {
      h[i] = spread(h[i]);
    }
    return h;
  }

  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
