package io.ember.core.data;

/**
 * Row selection for the offsets-encoded nested vectors ({@link ArrayVector}, {@link MapVector}), where row {@code i}
 * owns the child rows {@code [offsets[i], offsets[i+1])}.
 */
final class ChildRows {
  private ChildRows() {}

  /**
   * The child rows that {@code take(rows, count)} keeps, in output order, and the output's offsets written into
   * {@code outOffsets} ({@code count + 1} entries, {@code outOffsets[0]} left 0); a negative row (a null output row)
   * owns no child rows. The number of child rows is {@code outOffsets[count]}.
   */
  static int[] take(int[] offsets, int[] rows, int count, int[] outOffsets) {
    int total = 0;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0) {
        total += offsets[r + 1] - offsets[r];
      }
    }
    int[] childRows = new int[total];
    int pos = 0;
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      if (r >= 0) {
        for (int i = offsets[r]; i < offsets[r + 1]; i++) {
          childRows[pos++] = i;
        }
      }
      outOffsets[k + 1] = pos;
    }
    return childRows;
  }
}
