package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * Spark's {@code substring(str, pos[, len])}: {@code pos} is 1-based, a negative {@code pos} counts
 * from the end, and 0 acts as 1; {@code len} counts characters and defaults to the rest of the string.
 * A null in any argument gives null. Works on the UTF-8 bytes.
 */
public record Substring(Expression str, Expression pos, Expression len) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return str.nullable() || pos.nullable() || len.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(str, pos, len);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Substring(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector s = (StringVector) str.evaluate(input, context);
    IntVector p = (IntVector) pos.evaluate(input, context);
    IntVector l = (IntVector) len.evaluate(input, context);
    int n = input.numRows();
    VectorBuilder.Strings out = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    byte[] bytes = s.bytes();
    for (int i = 0; i < n; i++) {
      if (s.isNull(i) || p.isNull(i) || l.isNull(i)) {
        out.appendNull();
        continue;
      }
      int from = s.start(i);
      int to = from + s.byteLength(i);
      int chars = Utf8.numChars(bytes, from, to);
      int position = p.getInt(i);
      long start = position > 0 ? position - 1 : (position < 0 ? chars + (long) position : 0);
      long end = Math.min(start + l.getInt(i), chars);
      start = Math.max(start, 0);
      if (start >= end) {
        out.appendUtf8(bytes, from, 0);
      } else {
        int b0 = Utf8.offsetOfChar(bytes, from, to, (int) start);
        int b1 = Utf8.offsetOfChar(bytes, b0, to, (int) (end - start));
        out.appendUtf8(bytes, b0, b1 - b0);
      }
    }
    return out.build();
  }

  @Override
  public String sql() {
    return "substring(" + str.sql() + ", " + pos.sql() + ", " + len.sql() + ")";
  }
}
