package io.ember.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ember.core.data.ArrayVector;
import io.ember.core.data.BinaryVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.MapVector;
import io.ember.core.data.StructVector;
import io.ember.core.text.TextValues;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import java.io.IOException;

/**
 * Writes column values as JSON as Spark's {@code JacksonGenerator}: numbers and booleans as JSON numbers and
 * booleans, binary values as base64 strings, structs as objects (null fields left out when {@code ignoreNullFields}, Spark's default), maps as objects
 * keyed by the key's text (null values written), arrays as arrays, any other value (strings, dates, timestamps,
 * intervals) as a string in {@link TextValues}' formats. Shared by the JSON file sink and {@code to_json}.
 */
public final class JsonValueWriter {
  private final TextValues text;
  private final boolean ignoreNullFields;

  public JsonValueWriter(TextValues text, boolean ignoreNullFields) {
    this.text = text;
    this.ignoreNullFields = ignoreNullFields;
  }

  /** Writes {@code "name": value} of row {@code row} of {@code v}, or nothing for a null when null fields are ignored. */
  public void writeField(JsonGenerator g, String name, ColumnVector v, int row) throws IOException {
    if (v.isNull(row)) {
      if (!ignoreNullFields) {
        g.writeNullField(name);
      }
      return;
    }
    g.writeFieldName(name);
    writeValue(g, v, row);
  }

  /** Writes the value at {@code row} of {@code v} ({@code null} for a null). */
  public void writeValue(JsonGenerator g, ColumnVector v, int row) throws IOException {
    if (v.isNull(row)) {
      g.writeNull();
    } else if (v instanceof IntVector i && v.type() instanceof IntegerType) {
      g.writeNumber(i.getInt(row));
    } else if (v instanceof LongVector l && v.type() instanceof LongType) {
      g.writeNumber(l.getLong(row));
    } else if (v instanceof DoubleVector d) {
      g.writeNumber(d.getDouble(row));
    } else if (v instanceof BooleanVector b) {
      g.writeBoolean(b.getBoolean(row));
    } else if (v instanceof BinaryVector b) {
      g.writeBinary(b.getBinary(row));
    } else if (v instanceof DecimalVector d) {
      g.writeNumber(d.getDecimal(row));
    } else if (v instanceof ArrayVector a) {
      g.writeStartArray();
      for (int i = a.start(row), end = i + a.length(row); i < end; i++) {
        writeValue(g, a.elements(), i);
      }
      g.writeEndArray();
    } else if (v instanceof MapVector m) {
      g.writeStartObject();
      for (int i = m.start(row), end = i + m.length(row); i < end; i++) {
        g.writeFieldName(text.text(m.keys(), i));
        writeValue(g, m.values(), i);
      }
      g.writeEndObject();
    } else if (v instanceof StructVector s) {
      g.writeStartObject();
      for (int f = 0; f < s.structType().size(); f++) {
        writeField(g, s.structType().field(f).name(), s.child(f), row);
      }
      g.writeEndObject();
    } else {
      g.writeString(text.text(v, row));
    }
  }
}
