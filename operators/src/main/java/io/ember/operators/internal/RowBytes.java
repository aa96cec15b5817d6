package io.ember.operators.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.ArrayVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.NullVector;
import io.ember.core.data.Row;
import io.ember.core.data.StructVector;
import io.ember.core.data.VectorBuilder;
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
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes single rows (or the key columns of a row) to bytes and back, for keyed state tables. Each value
 * starts with a null flag; the type is not written (the reader knows the schema). In canonical form, used for
 * keys, values that compare equal encode to equal bytes: {@code -0.0} is written as {@code 0.0} and every NaN
 * as the same NaN, as Spark normalizes floating-point grouping and join keys.
 */
public final class RowBytes {
  private RowBytes() {}

  /** Writes row {@code row} of every vector in {@code columns}. */
  public static void write(Output out, ColumnVector[] columns, int row, boolean canonical) {
    for (ColumnVector c : columns) {
      writeValue(out, c, row, canonical);
    }
  }

  /** The canonical bytes of row {@code row} of {@code columns}, for use as a state key. */
  public static byte[] key(Output scratch, ColumnVector[] columns, int row) {
    scratch.setPosition(0);
    write(scratch, columns, row, true);
    return scratch.toBytes();
  }

  /** Reads one row written by {@link #write} and appends its values to {@code builders}, one per column. */
  public static void read(Input in, StructType schema, VectorBuilder[] builders) {
    for (int c = 0; c < builders.length; c++) {
      readValue(in, schema.field(c).dataType(), builders[c]);
    }
  }

  /** Fresh builders for {@code schema}, sized for {@code rows} rows. */
  public static VectorBuilder[] builders(StructType schema, int rows) {
    VectorBuilder[] b = new VectorBuilder[schema.size()];
    for (int c = 0; c < b.length; c++) {
      b[c] = VectorBuilder.forType(schema.field(c).dataType(), rows);
    }
    return b;
  }

  private static void writeValue(Output out, ColumnVector v, int row, boolean canonical) {
    if (v.isNull(row) || v instanceof NullVector) {
      out.writeBoolean(true);
      return;
    }
    out.writeBoolean(false);
    if (v instanceof BooleanVector b) {
      out.writeBoolean(b.getBoolean(row));
    } else if (v instanceof IntVector i) {
      out.writeInt(i.getInt(row));
    } else if (v instanceof LongVector l) {
      out.writeLong(l.getLong(row));
    } else if (v instanceof DoubleVector d) {
      double x = d.getDouble(row);
      if (canonical) {
        x = Double.isNaN(x) ? Double.NaN : x == 0.0 ? 0.0 : x;
      }
      out.writeLong(Double.doubleToRawLongBits(x));
    } else if (v instanceof BytesVector s) {
      int len = s.byteLength(row);
      out.writeVarInt(len, true);
      out.writeBytes(s.bytes(), s.start(row), len);
    } else if (v instanceof DecimalVector d) {
      BigDecimal x = d.getDecimal(row).setScale(d.decimalType().scale(), RoundingMode.HALF_UP);
      byte[] unscaled = x.unscaledValue().toByteArray();
      out.writeVarInt(unscaled.length, true);
      out.writeBytes(unscaled);
    } else if (v instanceof ArrayVector a) {
      int start = a.start(row);
      int len = a.length(row);
      out.writeVarInt(len, true);
      for (int i = 0; i < len; i++) {
        writeValue(out, a.elements(), start + i, canonical);
      }
    } else if (v instanceof StructVector s) {
      for (int f = 0; f < s.structType().size(); f++) {
        writeValue(out, s.child(f), row, canonical);
      }
    } else {
      throw new IllegalStateException("No state encoding for " + v.type());
    }
  }

  private static void readValue(Input in, DataType type, VectorBuilder b) {
    if (in.readBoolean()) {
      b.appendNull();
      return;
    }
    if (b instanceof VectorBuilder.Ints ints) {
      ints.appendInt(in.readInt());
    } else if (b instanceof VectorBuilder.Longs longs) {
      longs.appendLong(in.readLong());
    } else if (b instanceof VectorBuilder.Doubles doubles) {
      doubles.appendDouble(Double.longBitsToDouble(in.readLong()));
    } else if (b instanceof VectorBuilder.Bytes strings) {
      byte[] bytes = in.readBytes(in.readVarInt(true));
      strings.appendBytes(bytes, 0, bytes.length);
    } else if (b instanceof VectorBuilder.Arrays arrays) {
      DataType element = ((ArrayType) type).elementType();
      int len = in.readVarInt(true);
      for (int i = 0; i < len; i++) {
        readValue(in, element, arrays.elements());
      }
      arrays.endArray();
    } else {
      b.append(readObject(in, type));
    }
  }

  /** A non-null value (its null flag already read) as {@link ColumnVector#get} returns it. */
  private static Object readObject(Input in, DataType type) {
    if (type instanceof BooleanType) {
      return in.readBoolean();
    } else if (DataTypes.storedAsInt(type)) {
      return in.readInt();
    } else if (DataTypes.storedAsLong(type)) {
      return in.readLong();
    } else if (type instanceof DoubleType) {
      return Double.longBitsToDouble(in.readLong());
    } else if (type instanceof StringType) {
      return new String(in.readBytes(in.readVarInt(true)), StandardCharsets.UTF_8);
    } else if (type instanceof io.ember.core.types.BinaryType) {
      return in.readBytes(in.readVarInt(true));
    } else if (type instanceof DecimalType dt) {
      return new BigDecimal(new BigInteger(in.readBytes(in.readVarInt(true))), dt.scale());
    } else if (type instanceof ArrayType at) {
      int len = in.readVarInt(true);
      List<Object> values = new ArrayList<>(len);
      for (int i = 0; i < len; i++) {
        values.add(in.readBoolean() ? null : readObject(in, at.elementType()));
      }
      return values;
    } else if (type instanceof StructType st) {
      Object[] values = new Object[st.size()];
      for (int f = 0; f < values.length; f++) {
        values[f] = in.readBoolean() ? null : readObject(in, st.field(f).dataType());
      }
      return new Row(st, values);
    } else if (type instanceof NullType) {
      return null;
    }
    throw new IllegalStateException("No state encoding for " + type);
  }
}
