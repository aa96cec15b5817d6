package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of {@code json_tuple(json, f1, f2, ...)} as one struct {@code <c0: string, c1: string, ...>} per row:
 * field {@code fi} of the JSON object as text (a string as itself, other values as their JSON), null where the
 * field is missing or null, the input null, or not a JSON object. Never null itself; the analyzer turns the struct
 * into the generator's columns {@code c0, c1, ...}.
 */
public record JsonTuple(Expression json, List<Expression> fields) implements Expression {
  private static final JsonFactory FACTORY = new JsonFactory();

  public JsonTuple {
    fields = List.copyOf(fields);
  }

  @Override
  public DataType dataType() {
    List<StructField> out = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      out.add(new StructField("c" + i, DataTypes.STRING, true));
    }
    return new StructType(out);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>();
    all.add(json);
    all.addAll(fields);
    return all;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new JsonTuple(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector docs = (StringVector) json.evaluate(input, context);
    StringVector[] names = new StringVector[fields.size()];
    for (int k = 0; k < names.length; k++) {
      names[k] = (StringVector) fields.get(k).evaluate(input, context);
    }
    StructType type = (StructType) dataType();
    VectorBuilder out = VectorBuilder.forType(type, docs.size());
    for (int i = 0; i < docs.size(); i++) {
      Object[] values = new Object[names.length];
      if (!docs.isNull(i)) {
        read(docs, i, names, values);
      }
      out.append(new Row(type, values));
    }
    return out.build();
  }

  private static void read(StringVector docs, int row, StringVector[] names, Object[] values) {
    try (JsonParser p = FACTORY.createParser(docs.bytes(), docs.start(row), docs.byteLength(row))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        String text = null;
        for (int k = 0; k < names.length; k++) {
          if (!names[k].isNull(row) && names[k].getString(row).equals(name)) {
            text = text != null ? text : valueText(p, t);
            values[k] = t == JsonToken.VALUE_NULL ? null : text;
          }
        }
        if (text == null) {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      java.util.Arrays.fill(values, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String valueText(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.copyCurrentStructure(p);
    }
    return w.toString();
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("json_tuple(").append(json.sql());
    for (Expression f : fields) {
      sb.append(", ").append(f.sql());
    }
    return sb.append(')').toString();
  }
}
