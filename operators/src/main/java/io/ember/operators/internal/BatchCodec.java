package io.ember.operators.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes batches into operator snapshots and reads them back. The schema is not written: the reader
 * knows it from the operator's spec. Only the rows of each vector are written, not its spare capacity.
 */
public final class BatchCodec {
  private BatchCodec() {}

  /** Writes the row count, then each column. */
  public static void write(Output out, Batch batch) {
    out.writeVarInt(batch.numRows(), true);
    for (ColumnVector c : batch.columns()) {
      writeVector(out, c);
    }
  }

  /** Reads a batch written by {@link #write} with the same schema. */
  public static Batch read(Input in, StructType schema) {
    int rows = in.readVarInt(true);
    ColumnVector[] cols = new ColumnVector[schema.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = readVector(in, schema.field(i).dataType(), rows);
    }
    return new Batch(schema, cols, rows);
  }

  private static void writeVector(Output out, ColumnVector v) {
    int n = v.size();
    boolean[] nulls = v.nullMask();
    out.writeBoolean(nulls != null);
    if (nulls != null) {
      out.writeBooleans(nulls, 0, n);
    }
    if (v instanceof BooleanVector b) {
      out.writeBooleans(b.values(), 0, n);
    } else if (v instanceof IntVector i) {
      out.writeInts(i.values(), 0, n, false);
    } else if (v instanceof LongVector l) {
      out.writeLongs(l.values(), 0, n, false);
    } else if (v instanceof DoubleVector d) {
      out.writeDoubles(d.values(), 0, n);
    } else if (v instanceof BytesVector s) {
      int base = n == 0 ? 0 : s.start(0);
      int end = n == 0 ? 0 : s.start(n - 1) + s.byteLength(n - 1);
      for (int r = 0; r < n; r++) {
        out.writeVarInt(s.byteLength(r), true);
      }
      out.writeVarInt(end - base, true);
      out.writeBytes(s.bytes(), base, end - base);
    } else if (v instanceof DecimalVector d) {
      for (int r = 0; r < n; r++) {
        if (!d.isNull(r)) {
          byte[] unscaled = d.getDecimal(r).unscaledValue().toByteArray();
          out.writeVarInt(unscaled.length, true);
          out.writeBytes(unscaled);
        }
      }
    } else if (v instanceof ArrayVector a) {
      int base = n == 0 ? 0 : a.start(0);
      for (int r = 0; r < n; r++) {
        out.writeVarInt(a.length(r), true);
      }
      int total = n == 0 ? 0 : a.start(n - 1) + a.length(n - 1) - base;
      out.writeVarInt(total, true);
      writeVector(out, base == 0 && total == a.elements().size() ? a.elements() : a.elements().slice(base, total));
    } else if (v instanceof StructVector s) {
      for (int f = 0; f < s.structType().size(); f++) {
        writeVector(out, s.child(f));
      }
    } else if (!(v instanceof NullVector)) {
      throw new IllegalStateException("No snapshot encoding for " + v.getClass().getSimpleName());
    }
  }

  private static ColumnVector readVector(Input in, DataType type, int n) {
    boolean[] nulls = in.readBoolean() ? in.readBooleans(n) : null;
    ColumnVector probe = io.ember.core.data.VectorBuilder.forType(type, 0).build();
    if (probe instanceof BooleanVector) {
      return new BooleanVector(in.readBooleans(n), nulls, n);
    } else if (probe instanceof IntVector) {
      return new IntVector(type, in.readInts(n, false), nulls, n);
    } else if (probe instanceof LongVector) {
      return new LongVector(type, in.readLongs(n, false), nulls, n);
    } else if (probe instanceof DoubleVector) {
      return new DoubleVector(in.readDoubles(n), nulls, n);
    } else if (probe instanceof BytesVector) {
      int[] offsets = new int[n + 1];
      for (int r = 0; r < n; r++) {
        offsets[r + 1] = offsets[r] + in.readVarInt(true);
      }
      byte[] bytes = in.readBytes(in.readVarInt(true));
      return BytesVector.wrap(type, bytes, offsets, nulls, n);
    } else if (probe instanceof DecimalVector) {
      DecimalType dt = (DecimalType) type;
      BigDecimal[] values = new BigDecimal[n];
      for (int r = 0; r < n; r++) {
        if (nulls == null || !nulls[r]) {
          values[r] = new BigDecimal(new BigInteger(in.readBytes(in.readVarInt(true))), dt.scale());
        }
      }
      return new DecimalVector(dt, values, nulls, n);
    } else if (probe instanceof ArrayVector) {
      int[] offsets = new int[n + 1];
      for (int r = 0; r < n; r++) {
        offsets[r + 1] = offsets[r] + in.readVarInt(true);
      }
      int total = in.readVarInt(true);
      ArrayType at = (ArrayType) type;
      return new ArrayVector(at, offsets, readVector(in, at.elementType(), total), nulls, n);
    } else if (probe instanceof StructVector) {
      StructType st = (StructType) type;
      ColumnVector[] children = new ColumnVector[st.size()];
      for (int f = 0; f < children.length; f++) {
        children[f] = readVector(in, st.field(f).dataType(), n);
      }
      return new StructVector(st, children, nulls, n);
    }
    return new NullVector(n);
  }
}
