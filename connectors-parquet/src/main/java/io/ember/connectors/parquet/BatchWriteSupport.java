package io.ember.connectors.parquet;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StringVector;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructType;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Hands one row of a batch at a time to Parquet's record consumer: the written columns in order, a null column left
 * out (Parquet records it as a definition level below the maximum). The row is named by {@link #row(Batch, int)}
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
    for (int i = 0; i < columns.length; i++) {
      PrimitiveType p = schema.getType(i).asPrimitiveType();
      physical[i] = p.getPrimitiveTypeName();
      decimalScales[i] = dataSchema.field(i).dataType() instanceof DecimalType d ? d.scale() : -1;
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
      if (decimalScales[i] >= 0) {
        writeDecimal(i, ((DecimalVector) v).getDecimal(row).setScale(decimalScales[i], RoundingMode.HALF_UP)
            .unscaledValue());
      } else {
        switch (physical[i]) {
          case BOOLEAN -> consumer.addBoolean(((BooleanVector) v).getBoolean(row));
          case INT32 -> consumer.addInteger(((IntVector) v).getInt(row));
          case INT64 -> consumer.addLong(((LongVector) v).getLong(row));
          case DOUBLE -> consumer.addDouble(((DoubleVector) v).getDouble(row));
          default -> {
            StringVector s = (StringVector) v;
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
      default -> {
        byte[] minimal = unscaled.toByteArray();
        byte[] fixed = new byte[fixedLengths[i]];
        byte pad = (byte) (unscaled.signum() < 0 ? -1 : 0);
        int offset = fixed.length - minimal.length;
        for (int b = 0; b < offset; b++) {
          fixed[b] = pad;
        }
        System.arraycopy(minimal, 0, fixed, offset, minimal.length);
        consumer.addBinary(Binary.fromConstantByteArray(fixed));
      }
    }
  }
}
