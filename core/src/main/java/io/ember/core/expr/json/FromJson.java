package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.UnaryExpression;
import io.ember.core.json.JsonValueReader;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code from_json(json, schema[, options])}: parses each string as Spark's {@code JsonToStructs}. A null, blank or
 * {@code null} JSON string gives null. A record that is not valid JSON, or whose values do not convert to the schema's types, is
 * malformed: with {@code mode} FAILFAST it fails with {@code MALFORMED_RECORD_IN_PARSING}; in PERMISSIVE mode (the
 * default) a struct schema gives a struct whose fields are the values that did convert (null for the rest, all null
 * for invalid JSON) and whose {@code columnNameOfCorruptRecord} field, when the schema has one, holds the record's
 * text; an array or map schema gives null. An object parsed with an array-of-structs schema becomes a one-element
 * array, as in Spark.
 *
 * @param schema a struct, array or map type (every part nullable, as Spark makes it)
 */
public record FromJson(Expression child, DataType schema, JsonFunctionOptions options) implements UnaryExpression {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public DataType dataType() {
    return schema;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new FromJson(newChild, schema, options);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector in = (StringVector) child.evaluate(input, context);
    JsonValueReader reader = new JsonValueReader(options.temporal(context.zone()), FACTORY);
    int corrupt = corruptIndex();
    VectorBuilder out = VectorBuilder.forType(schema, in.size());
    for (int i = 0; i < in.size(); i++) {
      out.append(in.isNull(i) ? null : parse(reader, in, i, corrupt));
    }
    return out.build();
  }

  private int corruptIndex() {
    if (schema instanceof StructType st) {
      int i = JsonValueReader.fieldIndex(st, options.columnNameOfCorruptRecord());
      return i >= 0 && st.field(i).dataType() instanceof StringType ? i : -1;
    }
    return -1;
  }

  private Object parse(JsonValueReader reader, StringVector in, int row, int corrupt) {
    Object[] fields = schema instanceof StructType st ? new Object[st.size()] : null;
    String reason;
    try (JsonParser p = FACTORY.createParser(in.bytes(), in.start(row), in.byteLength(row))) {
      JsonToken first = p.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL && p.nextToken() == null) {
        return null;
      }
      reason = fields != null ? struct(reader, p, fields, corrupt) : null;
      Object value = null;
      if (fields == null) {
        try {
          value = convertWhole(reader, p);
        } catch (JsonValueReader.BadValue e) {
          reason = e.getMessage();
        }
      }
      if (reason == null && p.nextToken() != null) {
        reason = "unexpected data after the value";
      }
      if (reason == null) {
        return fields != null ? new Row((StructType) schema, fields) : value;
      }
    } catch (JsonProcessingException e) {
      reason = e.getOriginalMessage();
      if (fields != null) {
        Arrays.fill(fields, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return malformed(in.getString(row), fields, corrupt, reason);
  }

  /** Fills {@code fields} from the object at the parser; returns why the record is malformed, or null. */
  private String struct(JsonValueReader reader, JsonParser p, Object[] fields, int corrupt) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return "the record is not a JSON object";
    }
    StructType st = (StructType) schema;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      int i = JsonValueReader.fieldIndex(st, name);
      if (i < 0 || i == corrupt) {
        p.skipChildren();
        continue;
      }
      try {
        fields[i] = reader.convert(p, st.field(i).dataType());
      } catch (JsonValueReader.BadValue e) {
        reason = reason == null ? "field " + name + ": " + e.getMessage() : reason;
      }
    }
    return reason;
  }

  private Object convertWhole(JsonValueReader reader, JsonParser p) throws IOException, JsonValueReader.BadValue {
    if (schema instanceof ArrayType at && at.elementType() instanceof StructType
        && p.currentToken() == JsonToken.START_OBJECT) {
      return List.of(reader.convert(p, at.elementType()));
    }
    return reader.convert(p, schema);
  }

  private Object malformed(String text, Object[] fields, int corrupt, String reason) {
    if (options.failFast()) {
      throw new MalformedRecordException("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are"
          + " detected in record parsing: " + text + " (" + reason + "). Parse Mode: FAILFAST. To process malformed"
          + " records as null result, try setting the option 'mode' as 'PERMISSIVE'.");
    }
    if (fields == null) {
      return null;
    }
    if (corrupt >= 0) {
      fields[corrupt] = text;
    }
    return new Row((StructType) schema, fields);
  }

  @Override
  public String sql() {
    return "from_json(" + child.sql() + ")";
  }
}
