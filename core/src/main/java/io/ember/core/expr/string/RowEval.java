package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * Row-at-a-time evaluation for functions without a byte-level kernel: evaluates the arguments as
 * vectors, then calls a function per row with the Java values of {@link ColumnVector#get(int)}. A row
 * with any null argument is null without calling the function; a function result of null is null.
 */
public final class RowEval {
  /** The per-row function; {@code values} holds the non-null argument values of one row. */
  @FunctionalInterface
  public interface Fn {
    Object apply(Object[] values);
  }

  private RowEval() {}

  /** Evaluates {@code fn} over every row of {@code input}, building a vector of type {@code out}. */
  public static ColumnVector map(Batch input, EvalContext context, List<Expression> args, DataType out, Fn fn) {
    int n = input.numRows();
    ColumnVector[] cols = new ColumnVector[args.size()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = args.get(c).evaluate(input, context);
    }
    VectorBuilder b = VectorBuilder.forType(out, n);
    Object[] values = new Object[cols.length];
    for (int i = 0; i < n; i++) {
      boolean anyNull = false;
      for (int c = 0; c < cols.length && !anyNull; c++) {
        values[c] = cols[c].get(i);
        anyNull = values[c] == null;
      }
      b.append(anyNull ? null : fn.apply(values));
    }
    return b.build();
  }
}
