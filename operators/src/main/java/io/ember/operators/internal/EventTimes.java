package io.ember.operators.internal;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.DataType;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;

/**
 * Reads event times as watermarks compare them, in microseconds: a timestamp column's value, or for a
 * window column (a struct of {@code start} and {@code end} timestamps) its end, as Spark compares
 * {@code window.end} with the watermark.
 */
public final class EventTimes {
  private EventTimes() {}

  /** Whether {@code type} can carry an event time: a timestamp, or a struct whose second field is one. */
  public static boolean isEventTimeType(DataType type) {
    return type instanceof TimestampType
        || type instanceof StructType st && st.size() >= 2 && st.field(1).dataType() instanceof TimestampType;
  }

  /** The vector of event times in {@code column}: itself, or a window's end. */
  public static LongVector times(ColumnVector column) {
    if (column instanceof LongVector l) {
      return l;
    }
    if (column instanceof StructVector s && s.child(1) instanceof LongVector end) {
      if (!s.mayHaveNulls()) {
        return end;
      }
      int n = s.size();
      boolean[] nulls = new boolean[n];
      long[] values = new long[n];
      for (int r = 0; r < n; r++) {
        nulls[r] = s.isNull(r) || end.isNull(r);
        values[r] = end.getLong(r);
      }
      return new LongVector(end.type(), values, nulls, n);
    }
    throw new IllegalArgumentException("Not an event-time column: " + column.type());
  }
}
