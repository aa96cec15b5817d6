package io.ember.core.expr;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * {@code size(array)} and {@code size(map)}: the number of elements or entries. For a null array it is null under ANSI (Spark 4's default)
 * and -1 with ANSI off ({@code spark.sql.legacy.sizeOfNull}, which Spark applies only without ANSI).
 */
public record Size(Expression child) implements Expression {
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
  public Expression withChildren(List<Expression> c) {
    return new Size(c.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector a = child.evaluate(input, ctx);
    int n = a.size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (a.isNull(i)) {
        out[i] = -1;
      } else {
        out[i] = a instanceof ArrayVector av ? av.length(i) : ((io.ember.core.data.MapVector) a).length(i);
      }
    }
    boolean[] nulls = ctx.ansi() ? VectorOps.copy(a.nullMask(), n) : null;
    if (nulls != null) {
      for (int i = 0; i < n; i++) {
        if (nulls[i]) {
          out[i] = 0;
        }
      }
    }
    return new IntVector(DataTypes.INTEGER, out, nulls, n);
  }

  @Override
  public String sql() {
    return "size(" + child.sql() + ")";
  }
}
