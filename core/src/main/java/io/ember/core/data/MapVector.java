package io.ember.core.data;

import io.ember.core.types.MapType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vector of maps: row {@code i} is the entries {@code [offsets[i], offsets[i+1])} of a key vector and a value vector
 * of equal size, in the order they were built. Keys are never null and unique within a row (the expressions that
 * build maps enforce it, as Spark's {@code NULL_MAP_KEY} and {@code DUPLICATED_MAP_KEY}).
 */
public final class MapVector extends ColumnVector {
  private final int[] offsets;
  private final ColumnVector keys;
  private final ColumnVector values;

  /** Wraps the arrays (not copied). {@code offsets} has {@code size + 1} entries. */
  public MapVector(MapType type, int[] offsets, ColumnVector keys, ColumnVector values, boolean[] nulls, int size) {
    super(type, size, nulls);
    this.offsets = offsets;
    this.keys = keys;
    this.values = values;
  }

  public MapType mapType() {
    return (MapType) type;
  }

  public ColumnVector keys() {
    return keys;
  }

  public ColumnVector values() {
    return values;
  }

  public int start(int row) {
    return offsets[row];
  }

  public int length(int row) {
    return offsets[row + 1] - offsets[row];
  }

  /** The offsets array ({@code size + 1} entries); callers must not modify it. */
  public int[] offsets() {
    return offsets;
  }

  /** An unmodifiable map in entry order. */
  @Override
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    for (int i = offsets[row]; i < offsets[row + 1]; i++) {
      out.put(keys.get(i), values.get(i));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    int[] outOffsets = new int[count + 1];
    int[] entryRows = ChildRows.take(offsets, rows, count, outOffsets);
    int total = outOffsets[count];
    return new MapVector(mapType(), outOffsets, keys.take(entryRows, total), values.take(entryRows, total),
        takeNulls(rows, count), count);
  }

  /** A hash of the entries in order (maps are not hashable in SQL; this serves only row-level bookkeeping). */
  @Override
  public int hashAt(int row) {
    int h = 11;
    for (int i = offsets[row]; i < offsets[row + 1]; i++) {
      h = 31 * h + keys.hashAt(i);
      h = 31 * h + (values.isNull(i) ? 0 : values.hashAt(i));
    }
    return mix(h);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return compareAt(row, other, otherRow) == 0;
  }

  /** Entry by entry, keys then values, nulls first; a prefix orders first. Deterministic, not a SQL ordering. */
  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    MapVector o = (MapVector) other;
    int n = length(row);
    int m = o.length(otherRow);
    for (int k = 0; k < Math.min(n, m); k++) {
      int a = offsets[row] + k;
      int b = o.offsets[otherRow] + k;
      int c = keys.compareAt(a, o.keys, b);
      if (c != 0) {
        return c;
      }
      boolean an = values.isNull(a);
      boolean bn = o.values.isNull(b);
      if (an || bn) {
        if (an != bn) {
          return an ? -1 : 1;
        }
        continue;
      }
      c = values.compareAt(a, o.values, b);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(n, m);
  }
}
