package io.ember.connectors.file.sink;

import io.ember.core.json.JsonValueWriter;
import io.ember.core.text.TextValues;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes JSON lines with Jackson, one object per row ({@link JsonValueWriter}); null fields are left out unless
 * {@code ignoreNullFields} is false, dates and timestamps are strings in the writer's formats.
 */
final class JsonRecordWriter implements RecordWriter {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonGenerator gen;
  private final StructType schema;
  private final JsonValueWriter values;

  JsonRecordWriter(OutputStream out, StructType schema, TextValues values, boolean ignoreNulls) throws IOException {
    this.gen = FACTORY.createGenerator(out);
    this.gen.setRootValueSeparator(null);
    this.schema = schema;
    this.values = new JsonValueWriter(values, ignoreNulls);
  }

  @Override
  public void write(io.ember.core.data.Batch batch, int row, int[] columns) throws IOException {
    gen.writeStartObject();
    for (int c : columns) {
      values.writeField(gen, schema.field(c).name(), batch.column(c), row);
    }
    gen.writeEndObject();
    gen.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
