package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code get_json_object(json, path)}: the value at {@link JsonPath} {@code path} of each JSON string; null for a null
 * input or path, invalid JSON, an invalid path or no match, as Spark.
 */
public record GetJsonObject(Expression json, Expression path) implements Expression {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(json, path);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new GetJsonObject(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector docs = (StringVector) json.evaluate(input, context);
    StringVector paths = (StringVector) path.evaluate(input, context);
    VectorBuilder out = VectorBuilder.forType(DataTypes.STRING, docs.size());
    String lastText = null;
    JsonPath parsed = null;
    for (int i = 0; i < docs.size(); i++) {
      if (docs.isNull(i) || paths.isNull(i)) {
        out.appendNull();
        continue;
      }
      String text = paths.getString(i);
      if (!text.equals(lastText)) {
        lastText = text;
        parsed = JsonPath.parse(text);
      }
      out.append(parsed == null ? null : extract(parsed, docs, i));
    }
    return out.build();
  }

  private static String extract(JsonPath p, StringVector docs, int row) {
    try (JsonParser parser = FACTORY.createParser(docs.bytes(), docs.start(row), docs.byteLength(row))) {
      if (parser.nextToken() == null) {
        return null;
      }
      return p.extract(parser, FACTORY);
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String sql() {
    return "get_json_object(" + json.sql() + ", " + path.sql() + ")";
  }
}
