package io.ember.benchmarks.nexmark;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.Arrays;

/**
 * Writes chosen columns of generated events ({@link NexmarkStream#event}) straight into typed column vectors:
 * longs into a {@code long[]} (times from the generator's ms to µs), strings into a string builder. Events are
 * appended a few hundred at a time ({@link #append}), while they are still in the cache, and a batch's columns are
 * sized ahead from the previous batch's: its rows and each string column's bytes per row, so a batch copies no
 * growing array once the stream's shape has been seen. Nothing is boxed.
 *
 * <p>Use: {@link #start}, {@link #append} any number of times, {@link #finish}; again for the next batch. One
 * instance per reader; not thread-safe.
 */
final class NexmarkColumns {
  /** Column kinds, decided once per column. */
  private static final int LONG = 0;
  private static final int TIME = 1;
  private static final int STRING = 2;
  /** Bytes per row a string column is sized for before its first batch. */
  private static final int FIRST_BYTES_PER_ROW = 16;

  private final NexmarkStream stream;
  private final int[] columns;
  private final DataType[] types;
  private final int[] kinds;
  /** Per column: the bytes per row of its last batch (strings only). */
  private final int[] bytesPerRow;
  private final long[][] longs;
  private final VectorBuilder.Strings[] strings;
  /** Rows of the last batch; -1 before the first. */
  private int lastRows = -1;
  private int size;
  private int capacity;

  /**
   * @param stream the events' stream
   * @param columns the stream's columns to write ({@link NexmarkStream#columns} indices), in output order
   */
  NexmarkColumns(NexmarkStream stream, int[] columns) {
    this.stream = stream;
    this.columns = columns.clone();
    StructType full = stream.schema();
    this.types = new DataType[columns.length];
    this.kinds = new int[columns.length];
    this.bytesPerRow = new int[columns.length];
    this.longs = new long[columns.length][];
    this.strings = new VectorBuilder.Strings[columns.length];
    for (int i = 0; i < columns.length; i++) {
      DataType type = full.field(columns[i]).dataType();
      types[i] = type;
      kinds[i] = type.equals(DataTypes.STRING) ? STRING : type.equals(DataTypes.TIMESTAMP) ? TIME : LONG;
      bytesPerRow[i] = FIRST_BYTES_PER_ROW;
    }
  }

  /** How many columns this writes. */
  int width() {
    return columns.length;
  }

  /** Rows appended since {@link #start}. */
  int size() {
    return size;
  }

  /**
   * Starts a batch of at most {@code maxRows} rows, sized for as many rows as the last batch had (all of
   * {@code maxRows} before the first) and an eighth more.
   */
  void start(int maxRows) {
    int rows = lastRows < 0 ? maxRows : (int) Math.min(maxRows, lastRows + (lastRows >> 3) + 16L);
    capacity = Math.max(rows, 1);
    size = 0;
    for (int i = 0; i < columns.length; i++) {
      if (kinds[i] == STRING) {
        long bytes = (long) capacity * bytesPerRow[i];
        strings[i] = VectorBuilder.strings(capacity, (int) Math.min(bytes + (bytes >> 3) + 16, 1 << 30));
      } else {
        longs[i] = new long[capacity];
      }
    }
  }

  /**
   * Appends the events {@code events[rows[0]], ..., events[rows[count - 1]]}.
   *
   * @param events records of this writer's stream
   * @param rows which of them, in order
   * @param count how many
   */
  void append(Record[] events, int[] rows, int count) {
    if (size + count > capacity) {
      capacity = Math.max(size + count, capacity * 2);
      for (int i = 0; i < columns.length; i++) {
        if (longs[i] != null) {
          longs[i] = Arrays.copyOf(longs[i], capacity);
        }
      }
    }
    for (int i = 0; i < columns.length; i++) {
      int c = columns[i];
      switch (kinds[i]) {
        case LONG -> {
          long[] v = longs[i];
          for (int k = 0; k < count; k++) {
            v[size + k] = stream.longValue(events[rows[k]], c);
          }
        }
        case TIME -> {
          long[] v = longs[i];
          for (int k = 0; k < count; k++) {
            v[size + k] = stream.longValue(events[rows[k]], c) * 1000;
          }
        }
        default -> {
          VectorBuilder.Strings b = strings[i];
          for (int k = 0; k < count; k++) {
            b.appendString(stream.stringValue(events[rows[k]], c));
          }
        }
      }
    }
    size += count;
  }

  /** The batch's columns, of {@link #size} rows each; notes the batch's shape for the next {@link #start}. */
  ColumnVector[] finish() {
    ColumnVector[] out = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (kinds[i] == STRING) {
        if (size > 0) {
          bytesPerRow[i] = Math.max(1, (strings[i].byteSize() + size - 1) / size);
        }
        out[i] = strings[i].build();
        strings[i] = null;
      } else {
        out[i] = new LongVector(types[i], longs[i], null, size);
        longs[i] = null;
      }
    }
    lastRows = size;
    return out;
  }
}
