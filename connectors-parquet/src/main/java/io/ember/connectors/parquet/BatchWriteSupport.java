package io.ember.connectors.parquet;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.BytesVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.MapVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.MapType;
import io.ember.core.types.StructType;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Hands one row of a batch at a time to Parquet's record consumer: the written columns in order, a null column left
 * out (Parquet records it as a definition level below the maximum), a nested one as its groups. The row is named by {@link #row(Batch, int)}
 * before each {@code write}; used by the one thread that owns the writer.
 */
final class BatchWriteSupport extends WriteSupport<BatchWriteSupport.RowRef> {
  /** A row of a batch: the writer's record type, reused for every row. */
  static final class RowRef {
    Batch batch;
    int row;
  }

  private final MessageType schema;
  private final int[] columns;
  private final PrimitiveTypeName[] physical;
  private final int[] decimalScales;
  private final int[] fixedLengths;
  /** Per written column: its Ember type. */
  private final DataType[] types;
  private final Map<String, String> metadata;
  private RecordConsumer consumer;

  /**
   * @param dataSchema the written columns' Ember schema ({@code columns} of the batches' schema, in that order)
   * @param columns indices of the written columns in the batches
   */
  BatchWriteSupport(StructType dataSchema, int[] columns, Map<String, String> metadata) {
    this.schema = ParquetSchemas.toParquet(dataSchema);
    this.columns = columns.clone();
    this.physical = new PrimitiveTypeName[columns.length];
    this.decimalScales = new int[columns.length];
    this.fixedLengths = new int[columns.length];
    this.types = new DataType[columns.length];
    for (int i = 0; i < columns.length; i++) {
      types[i] = dataSchema.field(i).dataType();
      if (!schema.getType(i).isPrimitive()) {
        continue;
      }
      PrimitiveType p = schema.getType(i).asPrimitiveType();
      physical[i] = p.getPrimitiveTypeName();
      decimalScales[i] = types[i] instanceof DecimalType d ? d.scale() : -1;
      fixedLengths[i] = p.getTypeLength();
    }
    this.metadata = new HashMap<>(metadata);
  }

  MessageType schema() {
    return schema;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(RowRef ref) {
    consumer.startMessage();
    for (int i = 0; i < columns.length; i++) {
      ColumnVector v = ref.batch.column(columns[i]);
      int row = ref.row;
      if (v.isNull(row)) {
        continue;
      }
      String name = schema.getFieldName(i);
      consumer.startField(name, i);
      if (physical[i] == null) {
        writeNested(v, row, schema.getType(i).asGroupType(), types[i]);
      } else if (decimalScales[i] >= 0) {
        writeDecimal(i, ((DecimalVector) v).getDecimal(row).setScale(decimalScales[i], RoundingMode.HALF_UP)
            .unscaledValue());
      } else {
        switch (physical[i]) {
          case BOOLEAN -> consumer.addBoolean(((BooleanVector) v).getBoolean(row));
          case INT32 -> consumer.addInteger(((IntVector) v).getInt(row));
          case INT64 -> consumer.addLong(((LongVector) v).getLong(row));
          case DOUBLE -> consumer.addDouble(((DoubleVector) v).getDouble(row));
          default -> {
            BytesVector s = (BytesVector) v;
            consumer.addBinary(Binary.fromReusedByteArray(s.bytes(), s.start(row), s.byteLength(row)));
          }
        }
      }
      consumer.endField(name, i);
    }
    consumer.endMessage();
  }

  private void writeDecimal(int i, BigInteger unscaled) {
    switch (physical[i]) {
      case INT32 -> consumer.addInteger(unscaled.intValueExact());
      case INT64 -> consumer.addLong(unscaled.longValueExact());
      default -> consumer.addBinary(fixed(unscaled, fixedLengths[i]));
    }
  }

  /** A FIXED_LEN_BYTE_ARRAY decimal: big-endian two's complement, sign-extended to {@code length} bytes. */
  private static Binary fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    byte[] fixed = new byte[length];
    byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
    int offset = fixed.length - minimal.length;
    for (int b = 0; b < offset; b++) {
      fixed[b] = pad;
    }
    System.arraycopy(minimal, 0, fixed, offset, minimal.length);
    return Binary.fromConstantByteArray(fixed);
  }

  /**
   * Writes the non-null value at {@code row} of {@code v}, of Ember type {@code type}, as the group {@code g} that
   * {@link ParquetSchemas} makes of it: a struct's non-null fields, a list's {@code list} repetitions each holding
   * its {@code element} unless null, a map's {@code key_value} repetitions. An empty list or map is the group with
   * no repetition; a null value is left out by the caller.
   */
  private void writeNested(ColumnVector v, int row, GroupType g, DataType type) {
    consumer.startGroup();
    if (type instanceof StructType st) {
      StructVector s = (StructVector) v;
      for (int f = 0; f < st.size(); f++) {
        writeField(s.child(f), row, g, f, st.field(f).dataType());
      }
    } else if (type instanceof ArrayType at) {
      ArrayVector a = (ArrayVector) v;
      GroupType entry = g.getType(0).asGroupType();
      if (a.length(row) > 0) {
        consumer.startField(entry.getName(), 0);
        for (int e = a.start(row), end = e + a.length(row); e < end; e++) {
          consumer.startGroup();
          writeField(a.elements(), e, entry, 0, at.elementType());
          consumer.endGroup();
        }
        consumer.endField(entry.getName(), 0);
      }
    } else {
      MapType mt = (MapType) type;
      MapVector m = (MapVector) v;
      GroupType entry = g.getType(0).asGroupType();
      if (m.length(row) > 0) {
        consumer.startField(entry.getName(), 0);
        for (int e = m.start(row), end = e + m.length(row); e < end; e++) {
          consumer.startGroup();
          writeField(m.keys(), e, entry, 0, mt.keyType());
          writeField(m.values(), e, entry, 1, mt.valueType());
          consumer.endGroup();
        }
        consumer.endField(entry.getName(), 0);
      }
    }
    consumer.endGroup();
  }

  /** Field {@code index} of group {@code g}: the value at {@code row} of {@code v}, nothing when it is null. */
  private void writeField(ColumnVector v, int row, GroupType g, int index, DataType type) {
    if (v.isNull(row)) {
      return;
    }
    Type field = g.getType(index);
    consumer.startField(field.getName(), index);
    if (!field.isPrimitive()) {
      writeNested(v, row, field.asGroupType(), type);
    } else if (type instanceof DecimalType d) {
      BigInteger unscaled = ((DecimalVector) v).getDecimal(row).setScale(d.scale(), RoundingMode.HALF_UP)
          .unscaledValue();
      switch (field.asPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> consumer.addInteger(unscaled.intValueExact());
        case INT64 -> consumer.addLong(unscaled.longValueExact());
        default -> consumer.addBinary(fixed(unscaled, field.asPrimitiveType().getTypeLength()));
      }
    } else {
      switch (field.asPrimitiveType().getPrimitiveTypeName()) {
        case BOOLEAN -> consumer.addBoolean(((BooleanVector) v).getBoolean(row));
        case INT32 -> consumer.addInteger(((IntVector) v).getInt(row));
        case INT64 -> consumer.addLong(((LongVector) v).getLong(row));
        case DOUBLE -> consumer.addDouble(((DoubleVector) v).getDouble(row));
        default -> {
          BytesVector s = (BytesVector) v;
          consumer.addBinary(Binary.fromReusedByteArray(s.bytes(), s.start(row), s.byteLength(row)));
        }
      }
    }
    consumer.endField(field.getName(), index);
  }

}
