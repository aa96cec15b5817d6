package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.UnaryExpression;
import io.ember.core.json.JsonValueWriter;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code to_json(value[, options])}: a struct, array or map as its JSON text, as Spark's {@code StructsToJson} (null
 * struct fields left out unless {@code ignoreNullFields} is false; dates, timestamps in the options' or Spark's
 * default formats, in the session time zone). Null gives null.
 */
public record ToJson(Expression child, JsonFunctionOptions options) implements UnaryExpression {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new ToJson(newChild, options);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector in = child.evaluate(input, context);
    JsonValueWriter writer = new JsonValueWriter(options.textValues(context.zone()), options.ignoreNullFields());
    VectorBuilder out = VectorBuilder.forType(DataTypes.STRING, in.size());
    StringWriter text = new StringWriter();
    try {
      for (int i = 0; i < in.size(); i++) {
        if (in.isNull(i)) {
          out.appendNull();
          continue;
        }
        text.getBuffer().setLength(0);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
          writer.writeValue(g, in, i);
        }
        out.append(text.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.build();
  }

  @Override
  public String sql() {
    return "to_json(" + child.sql() + ")";
  }
}
