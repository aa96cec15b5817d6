package io.ember.core.data;

import io.ember.core.types.ArrayType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A vector of arrays: row {@code i} is elements {@code [offsets[i], offsets[i+1])} of one child vector. */
public final class ArrayVector extends ColumnVector {
  private final int[] offsets;
  private final ColumnVector elements;

  /** Wraps the arrays (not copied). {@code offsets} has {@code size + 1} entries. */
  public ArrayVector(ArrayType type, int[] offsets, ColumnVector elements, boolean[] nulls, int size) {
    super(type, size, nulls);
    this.offsets = offsets;
    this.elements = elements;
  }

  public ArrayType arrayType() {
    return (ArrayType) type;
  }

  public ColumnVector elements() {
    return elements;
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

  @Override
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    List<Object> out = new ArrayList<>(length(row));
    for (int i = offsets[row]; i < offsets[row + 1]; i++) {
      out.add(elements.get(i));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    int[] outOffsets = new int[count + 1];
    int[] elementRows = ChildRows.take(offsets, rows, count, outOffsets);
    int total = outOffsets[count];
    return new ArrayVector(arrayType(), outOffsets, elements.take(elementRows, total), takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    int h = 7;
    for (int i = offsets[row]; i < offsets[row + 1]; i++) {
      h = 31 * h + (elements.isNull(i) ? 0 : elements.hashAt(i));
    }
    return mix(h);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return compareAt(row, other, otherRow) == 0;
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    ArrayVector o = (ArrayVector) other;
    int n = length(row);
    int m = o.length(otherRow);
    for (int k = 0; k < Math.min(n, m); k++) {
      int a = offsets[row] + k;
      int b = o.offsets[otherRow] + k;
      boolean an = elements.isNull(a);
      boolean bn = o.elements.isNull(b);
      if (an || bn) {
        if (an != bn) {
          return an ? -1 : 1; // nulls first within arrays, as Spark
        }
        continue;
      }
      int c = elements.compareAt(a, o.elements, b);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(n, m);
  }
}
