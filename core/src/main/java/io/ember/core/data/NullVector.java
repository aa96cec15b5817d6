package io.ember.core.data;

import io.ember.core.types.DataTypes;
import java.util.Arrays;

/** A vector of the null type: every row is null. */
public final class NullVector extends ColumnVector {
  public NullVector(int size) {
    super(DataTypes.NULL, size, allNull(size));
  }

  private static boolean[] allNull(int size) {
    boolean[] n = new boolean[size];
    Arrays.fill(n, true);
    return n;
  }

  @Override
  public Object get(int row) {
    return null;
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    return new NullVector(count);
  }

  @Override
  public int hashAt(int row) {
    return 0;
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return true;
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return 0;
  }
}
