package io.ember.operators.stream.aggregate;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.internal.RowBytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Encodes a streaming aggregate's group keys as state-table keys: the key columns in {@link RowBytes}'
 * canonical form (equal keys, equal bytes), the event-time key first, so that the watermark predicate reads
 * only the first bytes of a key. A global aggregate's single group has a one-byte key.
 *
 * <p>Owned by one operator instance; not thread-safe ({@link #decode} reuses one reader).
 */
final class StateKeys {
  private static final byte[] GLOBAL_KEY = {0};
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final StructType keySchema;
  private final int eventTimeKey;
  private final boolean window;
  /** Column {@code order[p]} of the key is written at position {@code p}. */
  private final int[] order;
  private final StructType encodedSchema;
  /** Reads the keys {@link #decode} is given (one instance per operator, so no allocation per key). */
  private final Input reader = new Input();

  StateKeys(StructType keySchema, int eventTimeKey) {
    this.keySchema = keySchema;
    this.eventTimeKey = eventTimeKey;
    this.window = eventTimeKey >= 0 && keySchema.field(eventTimeKey).dataType() instanceof StructType;
    this.order = new int[keySchema.size()];
    int p = 0;
    if (eventTimeKey >= 0) {
      order[p++] = eventTimeKey;
    }
    for (int c = 0; c < keySchema.size(); c++) {
      if (c != eventTimeKey) {
        order[p++] = c;
      }
    }
    this.encodedSchema = keySchema.select(order);
  }

  int size() {
    return keySchema.size();
  }

  byte[] globalKey() {
    return GLOBAL_KEY.clone();
  }

  /** The key columns (in key order) in the order {@link #encode} takes them. */
  ColumnVector[] encodingOrder(ColumnVector[] columns) {
    ColumnVector[] ordered = new ColumnVector[columns.length];
    for (int p = 0; p < order.length; p++) {
      ordered[p] = columns[order[p]];
    }
    return ordered;
  }

  /**
   * Writes the key of row {@code row} of {@code ordered} (key columns from {@link #encodingOrder}) at the start of
   * {@code scratch}'s buffer, as {@link #encode} makes it; returns its length.
   */
  int encodeInto(Output scratch, ColumnVector[] ordered, int row) {
    scratch.setPosition(0);
    if (ordered.length == 0) {
      scratch.writeBytes(GLOBAL_KEY);
    } else {
      RowBytes.write(scratch, ordered, row, true);
    }
    return scratch.position();
  }

  /** The key of row {@code row} of {@code ordered} (key columns from {@link #encodingOrder}). */
  byte[] encode(Output scratch, ColumnVector[] ordered, int row) {
    return ordered.length == 0 ? globalKey() : RowBytes.key(scratch, ordered, row);
  }

  /** Builders for the key columns, to {@link #decode} into. */
  VectorBuilder[] builders(int rows) {
    return RowBytes.builders(encodedSchema, rows);
  }

  /** Appends the key columns of {@code key} to {@code builders} (from {@link #builders}). */
  void decode(byte[] key, VectorBuilder[] builders) {
    if (builders.length > 0) {
      reader.setBuffer(key);
      RowBytes.read(reader, encodedSchema, builders);
    }
  }

  /** The key columns, in key order, of the rows decoded into {@code builders}. */
  ColumnVector[] build(VectorBuilder[] builders) {
    ColumnVector[] out = new ColumnVector[builders.length];
    for (int p = 0; p < order.length; p++) {
      out[order[p]] = builders[p].build();
    }
    return out;
  }

  /** Whether the event time of {@code key} is at or before {@code watermark}; never for a null event time. */
  boolean isAtOrBefore(byte[] key, long watermark) {
    int at = eventTimeOffset(key);
    return at >= 0 && (long) LONGS.get(key, at) <= watermark;
  }

  /** Whether {@code key} (of an aggregate with an event-time key) has a non-null event time. */
  boolean hasEventTime(byte[] key) {
    return eventTimeOffset(key) >= 0;
  }

  /**
   * The event time of {@code key} (the window's end for a window key), which {@link #isAtOrBefore} compares; only
   * for a key that {@link #hasEventTime has one}.
   */
  long eventTime(byte[] key) {
    return (long) LONGS.get(key, eventTimeOffset(key));
  }

  /**
   * Where the event time's eight bytes start in {@code key}, or -1 when it is null. The key starts with the event-time
   * column as {@link RowBytes} writes it: a null flag (a byte, 1 for null), then the value, a long (eight bytes, low
   * byte first, as Kryo writes it), or for a window a struct of two such nullable longs, start and end.
   */
  private int eventTimeOffset(byte[] key) {
    if (key[0] != 0) {
      return -1;
    }
    int at = 1;
    if (window) {
      if (key[at++] == 0) {
        at += Long.BYTES; // the window's start
      }
      if (key[at++] != 0) {
        return -1;
      }
    }
    return at;
  }

  /** A typical encoded key's size, for sizing state tables. */
  int estimatedBytes() {
    return Math.max(GLOBAL_KEY.length, estimateRowBytes(keySchema));
  }

  /** A typical size of one row of {@code schema} in {@link RowBytes} form. */
  static int estimateRowBytes(StructType schema) {
    int bytes = 0;
    for (StructField f : schema.fields()) {
      bytes += estimateValueBytes(f.dataType());
    }
    return Math.max(1, bytes);
  }

  private static int estimateValueBytes(DataType type) {
    if (type instanceof BooleanType) {
      return 2;
    } else if (type instanceof IntegerType || type instanceof DateType) {
      return 5;
    } else if (type instanceof StructType st) {
      return 1 + estimateRowBytes(st);
    } else if (type instanceof ArrayType at) {
      return 2 + 8 * estimateValueBytes(at.elementType());
    } else if (type.isNumeric()) {
      return 9;
    }
    return 17; // strings, timestamps and the rest
  }
}
