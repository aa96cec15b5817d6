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
 * A string-to-int function: {@code length} (code points, not bytes, as Spark's) or {@code ascii} (the
 * code point of the first character, 0 for the empty string). Null in, null out.
 */
public record StringMeasure(Op op, Expression child) implements Expression {
  /** What is measured. */
  public enum Op {
    LENGTH, ASCII
  }

  @Override
  public DataType dataType() {
    return DataTypes.INTEGER;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new StringMeasure(op, newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector in = (StringVector) child.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    byte[] bytes = in.bytes();
    for (int i = 0; i < n; i++) {
      if (in.isNull(i)) {
        continue;
      }
      int from = in.start(i);
      int to = from + in.byteLength(i);
      if (op == Op.LENGTH) {
        out[i] = Utf8.numChars(bytes, from, to);
      } else {
        out[i] = from == to ? 0 : in.getString(i).codePointAt(0);
      }
    }
    return new IntVector(DataTypes.INTEGER, out, copyNulls(in, n), n);
  }

  static boolean[] copyNulls(ColumnVector in, int n) {
    boolean[] m = in.nullMask();
    return m == null ? null : java.util.Arrays.copyOf(m, n);
  }

  @Override
  public String sql() {
    return (op == Op.LENGTH ? "length(" : "ascii(") + child.sql() + ")";
  }
}
