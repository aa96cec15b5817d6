package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * {@code greatest(...)} or {@code least(...)} of children of one type (as the registry arranges): nulls
 * are skipped, and the result is null only when every argument is null.
 */
public record Extremum(boolean greatest, List<Expression> children, DataType dataType) implements Expression {
  public Extremum {
    children = List.copyOf(children);
  }

  @Override
  public boolean nullable() {
    return children.stream().allMatch(Expression::nullable);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Extremum(greatest, c, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector[] parts = new ColumnVector[children.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = children.get(k).evaluate(input, ctx);
    }
    int[] choice = new int[n];
    int[] pos = new int[n];
    for (int i = 0; i < n; i++) {
      pos[i] = i;
      int best = -1;
      for (int k = 0; k < parts.length; k++) {
        if (parts[k].isNull(i)) {
          continue;
        }
        if (best < 0) {
          best = k;
        } else {
          int c = parts[k].compareAt(i, parts[best], i);
          if (greatest ? c > 0 : c < 0) {
            best = k;
          }
        }
      }
      choice[i] = best;
    }
    return VectorOps.gather(dataType, parts, choice, pos, n);
  }

  @Override
  public String sql() {
    return Expressions.callSql(greatest ? "greatest" : "least", children);
  }
}
