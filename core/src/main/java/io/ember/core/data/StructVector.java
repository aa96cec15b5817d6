package io.ember.core.data;

import io.ember.core.types.StructType;

/** A vector of structs: one child vector per field, each of the same size. */
public final class StructVector extends ColumnVector {
  private final ColumnVector[] children;

  /** Wraps {@code children} (not copied). */
  public StructVector(StructType type, ColumnVector[] children, boolean[] nulls, int size) {
    super(type, size, nulls);
    this.children = children;
  }

  public StructType structType() {
    return (StructType) type;
  }

  public ColumnVector child(int field) {
    return children[field];
  }

  @Override
  public Object get(int row) {
    if (isNull(row)) {
      return null;
    }
    Object[] values = new Object[children.length];
    for (int f = 0; f < children.length; f++) {
      values[f] = children[f].get(row);
    }
    return new Row(structType(), values);
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    ColumnVector[] out = new ColumnVector[children.length];
    for (int f = 0; f < children.length; f++) {
      out[f] = children[f].take(rows, count);
    }
    return new StructVector(structType(), out, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    int h = 17;
    for (ColumnVector c : children) {
      h = 31 * h + (c.isNull(row) ? 0 : c.hashAt(row));
    }
    return mix(h);
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return compareAt(row, other, otherRow) == 0;
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    StructVector o = (StructVector) other;
    for (int f = 0; f < children.length; f++) {
      boolean an = children[f].isNull(row);
      boolean bn = o.children[f].isNull(otherRow);
      if (an || bn) {
        if (an != bn) {
          return an ? -1 : 1;
        }
        continue;
      }
      int c = children[f].compareAt(row, o.children[f], otherRow);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
