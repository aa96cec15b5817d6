package io.ember.core.expr.string;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Spark's {@code concat_ws(sep, args...)}: joins the non-null strings with {@code sep}; an
 * {@code array<string>} argument contributes its non-null elements. Null only when {@code sep} is null.
 */
public record ConcatWs(Expression separator, List<Expression> inputs) implements Expression {
  public ConcatWs {
    inputs = List.copyOf(inputs);
  }

  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return separator.nullable();
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>(inputs.size() + 1);
    all.add(separator);
    all.addAll(inputs);
    return all;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new ConcatWs(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    int n = input.numRows();
    StringVector sep = (StringVector) separator.evaluate(input, context);
    ColumnVector[] cols = new ColumnVector[inputs.size()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = inputs.get(c).evaluate(input, context);
    }
    VectorBuilder.Strings out = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    for (int i = 0; i < n; i++) {
      if (sep.isNull(i)) {
        out.appendNull();
        continue;
      }
      StringJoiner j = new StringJoiner(sep.getString(i));
      for (ColumnVector col : cols) {
        if (col.isNull(i)) {
          continue;
        }
        if (col instanceof ArrayVector a) {
          StringVector elems = (StringVector) a.elements();
          for (int e = a.start(i), end = e + a.length(i); e < end; e++) {
            if (!elems.isNull(e)) {
              j.add(elems.getString(e));
            }
          }
        } else {
          j.add(((StringVector) col).getString(i));
        }
      }
      out.appendString(j.toString());
    }
    return out.build();
  }

  @Override
  public String sql() {
    StringJoiner j = new StringJoiner(", ", "concat_ws(", ")");
    for (Expression e : children()) {
      j.add(e.sql());
    }
    return j.toString();
  }
}
