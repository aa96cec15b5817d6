package io.ember.core.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;

/**
 * Writes a {@link Row}: whether it has a schema (and the schema), then each value with its registered
 * class. Values are the Java objects of {@code ColumnVector.get}, all registered by {@link EmberKryo}.
 */
final class RowSerializer extends Serializer<Row> {
  RowSerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, Row row) {
    StructType schema = row.schema();
    out.writeBoolean(schema != null);
    if (schema != null) {
      DataTypeSerializer.writeStruct(out, schema);
    }
    out.writeVarInt(row.size(), true);
    for (int i = 0; i < row.size(); i++) {
      kryo.writeClassAndObject(out, row.get(i));
    }
  }

  @Override
  public Row read(Kryo kryo, Input in, Class<? extends Row> cls) {
    StructType schema = in.readBoolean() ? DataTypeSerializer.readStruct(in) : null;
    Object[] values = new Object[in.readVarInt(true)];
    for (int i = 0; i < values.length; i++) {
      values[i] = kryo.readClassAndObject(in);
    }
    return new Row(schema, values);
  }
}
