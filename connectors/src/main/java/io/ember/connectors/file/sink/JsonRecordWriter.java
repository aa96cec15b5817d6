package io.ember.connectors.file.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ember.core.data.ArrayVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes JSON lines with Jackson, one object per row; null fields are left out unless
 * {@code ignoreNullFields} is false, dates and timestamps are strings in the writer's formats.
 */
final class JsonRecordWriter implements RecordWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator gen;
  private final StructType schema;
  private final Values values;
  private final boolean ignoreNulls;

  JsonRecordWriter(OutputStream out, StructType schema, Values values, boolean ignoreNulls) throws IOException {
    this.gen = FACTORY.createGenerator(out);
    this.gen.setRootValueSeparator(null);
    this.schema = schema;
    this.values = values;
    this.ignoreNulls = ignoreNulls;
  }

  @Override
  public void write(io.ember.core.data.Batch batch, int row, int[] columns) throws IOException {
    gen.writeStartObject();
    for (int c : columns) {
      writeField(schema.field(c).name(), batch.column(c), row);
    }
    gen.writeEndObject();
    gen.writeRaw('\n');
  }

  private void writeField(String name, ColumnVector v, int row) throws IOException {
    if (v.isNull(row)) {
      if (!ignoreNulls) {
        gen.writeNullField(name);
      }
      return;
    }
    gen.writeFieldName(name);
    writeValue(v, row);
  }

  private void writeValue(ColumnVector v, int row) throws IOException {
    if (v.isNull(row)) {
      gen.writeNull();
    } else if (v instanceof IntVector i && v.type() instanceof IntegerType) {
      gen.writeNumber(i.getInt(row));
    } else if (v instanceof LongVector l && v.type() instanceof LongType) {
      gen.writeNumber(l.getLong(row));
    } else if (v instanceof DoubleVector d) {
      gen.writeNumber(d.getDouble(row));
    } else if (v instanceof BooleanVector b) {
      gen.writeBoolean(b.getBoolean(row));
    } else if (v instanceof DecimalVector d) {
      gen.writeNumber(d.getDecimal(row));
    } else if (v instanceof ArrayVector a) {
      gen.writeStartArray();
      for (int i = a.start(row), end = i + a.length(row); i < end; i++) {
        writeValue(a.elements(), i);
      }
      gen.writeEndArray();
    } else if (v instanceof StructVector s) {
      gen.writeStartObject();
      for (int f = 0; f < s.structType().size(); f++) {
        writeField(s.structType().field(f).name(), s.child(f), row);
      }
      gen.writeEndObject();
    } else {
      gen.writeString(values.text(v, row));
    }
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
