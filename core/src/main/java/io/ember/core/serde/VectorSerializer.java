package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
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
import io.ember.core.data.StructVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BinaryType;
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

/**
 * Writes a {@link ColumnVector} column-wise: its type, its size, its null mask, then its value arrays in
 * bulk (one array copy per column, no per-row objects for primitives and strings). Only the first
 * {@code size} slots are written, so spare builder capacity never travels. Nested vectors recurse.
 */
final class VectorSerializer extends Serializer<ColumnVector> {
  VectorSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, ColumnVector vector) {
    DataTypeSerializer.writeType(out, vector.type());
    writeVector(out, vector);
  }

  @Override
  public ColumnVector read(Kryo kryo, Input in, Class<? extends ColumnVector> cls) {
    return readVector(in, DataTypeSerializer.readType(in));
  }

  /** Writes the vector's data; its type is known to the reader from the schema. */
  static void writeVector(Output out, ColumnVector v) {
    int size = v.size();
    out.writeVarInt(size, true);
    if (v instanceof NullVector) {
      return;
    }
    writeNulls(out, v.nullMask(), size);
    if (v instanceof BooleanVector b) {
      out.writeBooleans(b.values(), 0, size);
    } else if (v instanceof IntVector i) {
      out.writeInts(i.values(), 0, size);
    } else if (v instanceof LongVector l) {
      out.writeLongs(l.values(), 0, size);
    } else if (v instanceof DoubleVector d) {
      out.writeDoubles(d.values(), 0, size);
    } else if (v instanceof BytesVector s) {
      writeBytes(out, s);
    } else if (v instanceof DecimalVector d) {
      writeDecimals(out, d);
    } else if (v instanceof ArrayVector a) {
      writeArrays(out, a);
    } else if (v instanceof io.ember.core.data.MapVector m) {
      writeMaps(out, m);
    } else if (v instanceof StructVector s) {
      for (int f = 0; f < s.structType().size(); f++) {
        writeVector(out, s.child(f));
      }
    }
  }

  /** Reads data written by {@link #writeVector} for a vector of {@code type}. */
  static ColumnVector readVector(Input in, DataType type) {
    int size = in.readVarInt(true);
    if (type instanceof NullType) {
      return new NullVector(size);
    }
    boolean[] nulls = readNulls(in, size);
    if (type instanceof BooleanType) {
      return new BooleanVector(in.readBooleans(size), nulls, size);
    } else if (DataTypes.storedAsInt(type)) {
      return new IntVector(type, in.readInts(size), nulls, size);
    } else if (DataTypes.storedAsLong(type)) {
      return new LongVector(type, in.readLongs(size), nulls, size);
    } else if (type instanceof DoubleType) {
      return new DoubleVector(in.readDoubles(size), nulls, size);
    } else if (type instanceof StringType || type instanceof BinaryType) {
      int[] offsets = in.readInts(size + 1);
      byte[] bytes = in.readBytes(offsets[size]);
      return BytesVector.wrap(type, bytes, offsets, nulls, size);
    } else if (type instanceof DecimalType dt) {
      return readDecimals(in, dt, nulls, size);
    } else if (type instanceof ArrayType at) {
      int[] offsets = in.readInts(size + 1);
      ColumnVector elements = readVector(in, at.elementType());
      return new ArrayVector(at, offsets, elements, nulls, size);
    } else if (type instanceof io.ember.core.types.MapType mt) {
      int[] offsets = in.readInts(size + 1);
      ColumnVector keys = readVector(in, mt.keyType());
      ColumnVector values = readVector(in, mt.valueType());
      return new io.ember.core.data.MapVector(mt, offsets, keys, values, nulls, size);
    } else if (type instanceof StructType st) {
      ColumnVector[] children = new ColumnVector[st.size()];
      for (int f = 0; f < children.length; f++) {
        children[f] = readVector(in, st.field(f).dataType());
      }
      return new StructVector(st, children, nulls, size);
    }
    throw new IllegalArgumentException("Cannot read a vector of type " + type);
  }

  private static void writeNulls(Output out, boolean[] nulls, int size) {
    boolean any = false;
    if (nulls != null) {
      for (int i = 0; i < size && !any; i++) {
        any = nulls[i];
      }
    }
    out.writeBoolean(any);
    if (any) {
      out.writeBooleans(nulls, 0, size);
    }
  }

  private static boolean[] readNulls(Input in, int size) {
    return in.readBoolean() ? in.readBooleans(size) : null;
  }

  /** Offsets are rebased to start at 0 and only the referenced bytes are written. */
  private static void writeBytes(Output out, BytesVector s) {
    int size = s.size();
    int[] offsets = s.offsets();
    int base = offsets[0];
    int[] rebased = new int[size + 1];
    for (int i = 0; i <= size; i++) {
      rebased[i] = offsets[i] - base;
    }
    out.writeInts(rebased, 0, size + 1);
    out.writeBytes(s.bytes(), base, rebased[size]);
  }

  private static void writeArrays(Output out, ArrayVector a) {
    int size = a.size();
    int[] offsets = a.offsets();
    int base = offsets[0];
    int count = offsets[size] - base;
    int[] rebased = new int[size + 1];
    for (int i = 0; i <= size; i++) {
      rebased[i] = offsets[i] - base;
    }
    out.writeInts(rebased, 0, size + 1);
    ColumnVector elements = a.elements();
    if (base != 0 || elements.size() != count) {
      elements = elements.slice(base, count);
    }
    writeVector(out, elements);
  }

  /** As {@link #writeArrays}: rebased offsets, then only the referenced keys and values. */
  private static void writeMaps(Output out, io.ember.core.data.MapVector m) {
    int size = m.size();
    int[] offsets = m.offsets();
    int base = offsets[0];
    int count = offsets[size] - base;
    int[] rebased = new int[size + 1];
    for (int i = 0; i <= size; i++) {
      rebased[i] = offsets[i] - base;
    }
    out.writeInts(rebased, 0, size + 1);
    ColumnVector keys = m.keys();
    ColumnVector values = m.values();
    if (base != 0 || keys.size() != count) {
      keys = keys.slice(base, count);
      values = values.slice(base, count);
    }
    writeVector(out, keys);
    writeVector(out, values);
  }

  /** Each non-null decimal as its scale and unscaled two's-complement bytes. */
  private static void writeDecimals(Output out, DecimalVector d) {
    for (int i = 0; i < d.size(); i++) {
      if (d.isNull(i)) {
        continue;
      }
      BigDecimal value = d.getDecimal(i);
      byte[] unscaled = value.unscaledValue().toByteArray();
      out.writeVarInt(value.scale(), false);
      out.writeVarInt(unscaled.length, true);
      out.writeBytes(unscaled);
    }
  }

  private static ColumnVector readDecimals(Input in, DecimalType type, boolean[] nulls, int size) {
    BigDecimal[] values = new BigDecimal[size];
    for (int i = 0; i < size; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      int scale = in.readVarInt(false);
      byte[] unscaled = in.readBytes(in.readVarInt(true));
      values[i] = new BigDecimal(new BigInteger(unscaled), scale);
    }
    return new DecimalVector(type, values, nulls, size);
  }
}
