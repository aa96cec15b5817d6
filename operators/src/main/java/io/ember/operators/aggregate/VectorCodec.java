package io.ember.operators.aggregate;

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
import io.ember.core.types.DataType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Writes column vectors to a Kryo stream and reads them back given their type (the reader knows the
 * schema from the operator's spec, so types are not written). Used by aggregate snapshots.
 */
final class VectorCodec {
  private VectorCodec() {}

  static void write(Output out, ColumnVector v) {
    int n = v.size();
    out.writeVarInt(n, true);
    out.writeBoolean(v.mayHaveNulls());
    if (v.mayHaveNulls()) {
      out.writeBooleans(v.nullMask(), 0, n);
    }
    if (v instanceof BooleanVector b) {
      out.writeBooleans(b.values(), 0, n);
    } else if (v instanceof IntVector i) {
      out.writeInts(i.values(), 0, n);
    } else if (v instanceof LongVector l) {
      out.writeLongs(l.values(), 0, n);
    } else if (v instanceof DoubleVector d) {
      out.writeDoubles(d.values(), 0, n);
    } else if (v instanceof BytesVector s) {
      writeStrings(out, s);
    } else if (v instanceof DecimalVector d) {
      for (int r = 0; r < n; r++) {
        if (!d.isNull(r)) {
          byte[] unscaled = d.getDecimal(r).unscaledValue().toByteArray();
          out.writeVarInt(unscaled.length, true);
          out.writeBytes(unscaled);
        }
      }
    } else if (v instanceof ArrayVector a) {
      int[] offsets = a.offsets();
      for (int r = 0; r < n; r++) {
        out.writeVarInt(offsets[r + 1] - offsets[r], true);
      }
      write(out, a.elements().slice(offsets[0], offsets[n] - offsets[0]));
    } else if (v instanceof StructVector s) {
      for (int f = 0; f < s.structType().size(); f++) {
        write(out, s.child(f));
      }
    } else if (!(v instanceof NullVector)) {
      throw new IllegalStateException("No snapshot encoding for " + v.type());
    }
  }

  static ColumnVector read(Input in, DataType type) {
    int n = in.readVarInt(true);
    boolean[] nulls = in.readBoolean() ? in.readBooleans(n) : null;
    if (type instanceof io.ember.core.types.BooleanType) {
      return new BooleanVector(in.readBooleans(n), nulls, n);
    }
    return readOther(in, type, n, nulls);
  }

  private static ColumnVector readOther(Input in, DataType type, int n, boolean[] nulls) {
    if (io.ember.core.types.DataTypes.storedAsInt(type)) {
      return new IntVector(type, in.readInts(n), nulls, n);
    } else if (io.ember.core.types.DataTypes.storedAsLong(type)) {
      return new LongVector(type, in.readLongs(n), nulls, n);
    } else if (type instanceof io.ember.core.types.DoubleType) {
      return new DoubleVector(in.readDoubles(n), nulls, n);
    } else if (type instanceof io.ember.core.types.StringType || type instanceof io.ember.core.types.BinaryType) {
      int[] offsets = in.readInts(n + 1);
      byte[] bytes = in.readBytes(offsets[n]);
      return BytesVector.wrap(type, bytes, offsets, nulls, n);
    } else if (type instanceof DecimalType dt) {
      BigDecimal[] values = new BigDecimal[n];
      for (int r = 0; r < n; r++) {
        if (nulls == null || !nulls[r]) {
          values[r] = new BigDecimal(new BigInteger(in.readBytes(in.readVarInt(true))), dt.scale());
        }
      }
      return new DecimalVector(dt, values, nulls, n);
    } else if (type instanceof ArrayType at) {
      int[] offsets = new int[n + 1];
      for (int r = 0; r < n; r++) {
        offsets[r + 1] = offsets[r] + in.readVarInt(true);
      }
      return new ArrayVector(at, offsets, read(in, at.elementType()), nulls, n);
    } else if (type instanceof StructType st) {
      ColumnVector[] children = new ColumnVector[st.size()];
      for (int f = 0; f < children.length; f++) {
        children[f] = read(in, st.field(f).dataType());
      }
      return new StructVector(st, children, nulls, n);
    } else {
      return new NullVector(n);
    }
  }

  private static void writeStrings(Output out, BytesVector s) {
    int n = s.size();
    int[] offsets = s.offsets();
    int base = offsets[0];
    if (base == 0) {
      out.writeInts(offsets, 0, n + 1);
    } else {
      int[] rebased = Arrays.copyOf(offsets, n + 1);
      for (int r = 0; r <= n; r++) {
        rebased[r] -= base;
      }
      out.writeInts(rebased, 0, n + 1);
    }
    out.writeBytes(s.bytes(), base, offsets[n] - base);
  }
}
