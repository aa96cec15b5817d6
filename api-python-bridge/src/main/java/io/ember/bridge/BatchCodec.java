package io.ember.bridge;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.StructVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary columnar batch of the bridge protocol ({@code docs/PROTOCOL.md}, "Binary batches"): little-endian
 * {@code int32 numRows, int32 numColumns}, then one vector per column. A vector is a {@code uint8 hasNulls}, the
 * null mask when set ({@code numRows} bytes, 1 = null), then its values in the layout of its type. Primitive
 * columns are written and read in bulk from and into the vectors' arrays; decimals travel as plain decimal text
 * in the string layout, binary values in it too (their bytes as they are). Stateless and thread-safe.
 */
public final class BatchCodec {
  private BatchCodec() {}

  /** Encodes {@code batch} (the payload of a {@code B} frame, without the tag). */
  public static byte[] encode(Batch batch) {
    LeBuffer out = new LeBuffer(estimate(batch));
    out.putInt(batch.numRows());
    out.putInt(batch.numColumns());
    for (ColumnVector c : batch.columns()) {
      writeVector(out, c, batch.numRows());
    }
    return out.toByteArray();
  }

  private static int estimate(Batch batch) {
    return (int) Math.min(Frame.MAX_FRAME_BYTES, 8L + (long) batch.numRows() * batch.numColumns() * 9L);
  }

  private static void writeVector(LeBuffer out, ColumnVector v, int n) {
    boolean[] nulls = v.nullMask();
    out.putByte(nulls == null ? 0 : 1);
    if (nulls != null) {
      for (int i = 0; i < n; i++) {
        out.putByte(nulls[i] ? 1 : 0);
      }
    }
    if (v instanceof BooleanVector b) {
      boolean[] values = b.values();
      for (int i = 0; i < n; i++) {
        out.putByte(values[i] ? 1 : 0);
      }
    } else if (v instanceof IntVector iv) {
      out.putInts(iv.values(), 0, n);
    } else if (v instanceof LongVector lv) {
      out.putLongs(lv.values(), n);
    } else if (v instanceof DoubleVector dv) {
      out.putDoubles(dv.values(), n);
    } else if (v instanceof BytesVector sv) {
      writeStrings(out, sv, n);
    } else if (v instanceof DecimalVector dv) {
      writeDecimals(out, dv, n);
    } else if (v instanceof ArrayVector av) {
      writeArrays(out, av, n);
    } else if (v instanceof io.ember.core.data.MapVector mv) {
      writeMaps(out, mv, n);
    } else if (v instanceof StructVector st) {
      for (int f = 0; f < st.structType().size(); f++) {
        writeVector(out, st.child(f), n);
      }
    } else if (!(v instanceof NullVector)) {
      throw new IllegalStateException("No bridge encoding for vector " + v.getClass().getName());
    }
  }

  private static void writeStrings(LeBuffer out, BytesVector sv, int n) {
    int[] offsets = sv.offsets();
    int base = offsets[0];
    if (base == 0) {
      out.putInts(offsets, 0, n + 1);
    } else {
      for (int i = 0; i <= n; i++) {
        out.putInt(offsets[i] - base);
      }
    }
    out.putBytes(sv.bytes(), base, offsets[n] - base);
  }

  private static void writeDecimals(LeBuffer out, DecimalVector dv, int n) {
    byte[][] texts = new byte[n][];
    int total = 0;
    for (int i = 0; i < n; i++) {
      BigDecimal d = dv.isNull(i) ? null : dv.getDecimal(i);
      texts[i] = d == null ? new byte[0] : d.toPlainString().getBytes(StandardCharsets.US_ASCII);
      total += texts[i].length;
    }
    int offset = 0;
    out.putInt(0);
    for (int i = 0; i < n; i++) {
      offset += texts[i].length;
      out.putInt(offset);
    }
    for (int i = 0; i < n; i++) {
      out.putBytes(texts[i], 0, texts[i].length);
    }
  }

  private static void writeArrays(LeBuffer out, ArrayVector av, int n) {
    int[] offsets = av.offsets();
    int base = offsets[0];
    int count = offsets[n] - base;
    for (int i = 0; i <= n; i++) {
      out.putInt(offsets[i] - base);
    }
    out.putInt(count);
    ColumnVector elements = av.elements();
    if (base != 0 || elements.size() != count) {
      elements = elements.slice(base, count);
    }
    writeVector(out, elements, count);
  }

  /** As an array's layout, with the keys' vector then the values' vector of {@code entryCount} rows. */
  private static void writeMaps(LeBuffer out, io.ember.core.data.MapVector mv, int n) {
    int[] offsets = mv.offsets();
    int base = offsets[0];
    int count = offsets[n] - base;
    for (int i = 0; i <= n; i++) {
      out.putInt(offsets[i] - base);
    }
    out.putInt(count);
    ColumnVector keys = mv.keys();
    ColumnVector values = mv.values();
    if (base != 0 || keys.size() != count) {
      keys = keys.slice(base, count);
      values = values.slice(base, count);
    }
    writeVector(out, keys, count);
    writeVector(out, values, count);
  }

  /**
   * Decodes a batch of {@code schema} (a {@code B} frame's payload without the tag).
   *
   * @throws EmberIllegalArgumentException {@code BRIDGE_MALFORMED_BATCH} when the bytes do not hold such a batch
   */
  public static Batch decode(byte[] payload, StructType schema) {
    ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    try {
      int numRows = in.getInt();
      int numColumns = in.getInt();
      if (numRows < 0 || numColumns != schema.size()) {
        throw malformed("it has " + numRows + " rows and " + numColumns + " columns, the schema "
            + schema.size() + " columns");
      }
      ColumnVector[] columns = new ColumnVector[numColumns];
      for (int c = 0; c < numColumns; c++) {
        columns[c] = readVector(in, schema.field(c).dataType(), numRows);
      }
      if (in.hasRemaining()) {
        throw malformed(in.remaining() + " bytes follow the last column");
      }
      return new Batch(schema, columns, numRows);
    } catch (BufferUnderflowException e) {
      throw malformed("it ends before its last value");
    }
  }

  private static ColumnVector readVector(ByteBuffer in, DataType type, int n) {
    boolean[] nulls = readNulls(in, n);
    if (type instanceof BooleanType) {
      checkRemaining(in, n);
      boolean[] values = new boolean[n];
      for (int i = 0; i < n; i++) {
        values[i] = in.get() != 0;
      }
      return new BooleanVector(values, nulls, n);
    }
    if (DataTypes.storedAsInt(type)) {
      return new IntVector(type, readInts(in, n), nulls, n);
    }
    if (DataTypes.storedAsLong(type)) {
      long[] values = new long[n];
      checkRemaining(in, 8L * n);
      in.asLongBuffer().get(values);
      in.position(in.position() + 8 * n);
      return new LongVector(type, values, nulls, n);
    }
    if (type instanceof DoubleType) {
      double[] values = new double[n];
      checkRemaining(in, 8L * n);
      in.asDoubleBuffer().get(values);
      in.position(in.position() + 8 * n);
      return new DoubleVector(values, nulls, n);
    }
    if (type instanceof StringType || type instanceof io.ember.core.types.BinaryType) {
      int[] offsets = readOffsets(in, n);
      checkRemaining(in, offsets[n]);
      byte[] bytes = new byte[offsets[n]];
      in.get(bytes);
      return BytesVector.wrap(type, bytes, offsets, nulls, n);
    }
    return readNested(in, type, n, nulls);
  }

  private static ColumnVector readNested(ByteBuffer in, DataType type, int n, boolean[] nulls) {
    if (type instanceof DecimalType dt) {
      return readDecimals(in, dt, n, nulls);
    }
    if (type instanceof ArrayType at) {
      int[] offsets = readOffsets(in, n);
      int count = in.getInt();
      if (count != offsets[n]) {
        throw malformed("an array column has " + count + " elements but its offsets end at " + offsets[n]);
      }
      return new ArrayVector(at, offsets, readVector(in, at.elementType(), count), nulls, n);
    }
    if (type instanceof io.ember.core.types.MapType mt) {
      int[] offsets = readOffsets(in, n);
      int count = in.getInt();
      if (count != offsets[n]) {
        throw malformed("a map column has " + count + " entries but its offsets end at " + offsets[n]);
      }
      ColumnVector keys = readVector(in, mt.keyType(), count);
      if (keys.mayHaveNulls() && keys.nullCount() > 0) {
        throw new io.ember.core.errors.EmberRuntimeException("NULL_MAP_KEY", "Cannot use null as map key.");
      }
      return new io.ember.core.data.MapVector(mt, offsets, keys, readVector(in, mt.valueType(), count), nulls, n);
    }
    if (type instanceof StructType st) {
      ColumnVector[] children = new ColumnVector[st.size()];
      for (int f = 0; f < children.length; f++) {
        children[f] = readVector(in, st.field(f).dataType(), n);
      }
      return new StructVector(st, children, nulls, n);
    }
    if (type instanceof NullType) {
      return new NullVector(n);
    }
    throw new IllegalStateException("No bridge decoding for type " + type);
  }

  private static ColumnVector readDecimals(ByteBuffer in, DecimalType type, int n, boolean[] nulls) {
    int[] offsets = readOffsets(in, n);
    checkRemaining(in, offsets[n]);
    byte[] bytes = new byte[offsets[n]];
    in.get(bytes);
    BigDecimal[] values = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      String text = new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.US_ASCII);
      values[i] = parseDecimal(text, type);
    }
    return new DecimalVector(type, values, nulls, n);
  }

  private static BigDecimal parseDecimal(String text, DecimalType type) {
    BigDecimal d;
    try {
      d = new BigDecimal(text).setScale(type.scale(), RoundingMode.HALF_UP);
    } catch (NumberFormatException e) {
      throw malformed("'" + text + "' is not a decimal");
    }
    if (d.precision() - d.scale() > type.precision() - type.scale()) {
      throw malformed("the decimal " + text + " does not fit " + type.simpleString());
    }
    return d;
  }

  private static boolean[] readNulls(ByteBuffer in, int n) {
    int hasNulls = in.get();
    if (hasNulls == 0) {
      return null;
    }
    if (hasNulls != 1) {
      throw malformed("a vector's hasNulls byte is " + hasNulls + ", not 0 or 1");
    }
    checkRemaining(in, n);
    boolean[] nulls = new boolean[n];
    for (int i = 0; i < n; i++) {
      nulls[i] = in.get() != 0;
    }
    return nulls;
  }

  private static int[] readInts(ByteBuffer in, int n) {
    int[] values = new int[n];
    checkRemaining(in, 4L * n);
    in.asIntBuffer().get(values);
    in.position(in.position() + 4 * n);
    return values;
  }

  private static int[] readOffsets(ByteBuffer in, int n) {
    int[] offsets = readInts(in, n + 1);
    if (offsets[0] < 0) {
      throw malformed("offsets start at " + offsets[0]);
    }
    for (int i = 0; i < n; i++) {
      if (offsets[i + 1] < offsets[i]) {
        throw malformed("offsets decrease at row " + i);
      }
    }
    return offsets;
  }

  private static void checkRemaining(ByteBuffer in, long bytes) {
    if (bytes > in.remaining()) {
      throw new BufferUnderflowException();
    }
  }

  private static EmberIllegalArgumentException malformed(String why) {
    return new EmberIllegalArgumentException(
        "BRIDGE_MALFORMED_BATCH", "Cannot decode a binary batch: " + why + ". See the batch format in PROTOCOL.md.");
  }
}
