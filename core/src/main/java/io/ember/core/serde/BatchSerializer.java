package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;

/** Writes a {@link Batch} as its schema, its row count, then each column's arrays in bulk. */
final class BatchSerializer extends Serializer<Batch> {
  BatchSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, Batch batch) {
    DataTypeSerializer.writeStruct(out, batch.schema());
    out.writeVarInt(batch.numRows(), true);
    for (ColumnVector column : batch.columns()) {
      VectorSerializer.writeVector(out, column);
    }
  }

  @Override
  public Batch read(Kryo kryo, Input in, Class<? extends Batch> cls) {
    StructType schema = DataTypeSerializer.readStruct(in);
    int numRows = in.readVarInt(true);
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = VectorSerializer.readVector(in, schema.field(c).dataType());
    }
    return new Batch(schema, columns, numRows);
  }
}
