package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.StringVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * Spark's {@code locate(substr, str[, pos])} (also {@code position}): the 1-based character position
 * of the first {@code substr} in {@code str} at or after character {@code pos}, 0 when absent. As in
 * Spark, a null or non-positive {@code pos} gives 0, and a null {@code substr} or {@code str} gives null.
 */
public record Locate(Expression substr, Expression str, Expression pos) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.INTEGER;
  }

  @Override
  public boolean nullable() {
    return substr.nullable() || str.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(substr, str, pos);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Locate(c.get(0), c.get(1), c.get(2));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector needle = (StringVector) substr.evaluate(input, context);
    StringVector hay = (StringVector) str.evaluate(input, context);
    IntVector start = (IntVector) pos.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (start.isNull(i) || start.getInt(i) < 1) {
        continue;
      }
      if (needle.isNull(i) || hay.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      int from = hay.start(i);
      int to = from + hay.byteLength(i);
      if (needle.byteLength(i) == 0) {
        out[i] = 1; // Spark finds the empty string at the first character, whatever pos is
        continue;
      }
      int begin = Utf8.offsetOfChar(hay.bytes(), from, to, start.getInt(i) - 1);
      int at = Utf8.indexOf(hay.bytes(), from, to, needle.bytes(), needle.start(i), needle.byteLength(i), begin);
      out[i] = at < 0 ? 0 : Utf8.numChars(hay.bytes(), from, at) + 1;
    }
    return new IntVector(DataTypes.INTEGER, out, nulls, n);
  }

  @Override
  public String sql() {
    return "locate(" + substr.sql() + ", " + str.sql() + ", " + pos.sql() + ")";
  }
}
