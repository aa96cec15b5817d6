package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * The first non-null of {@code children} (all of {@code dataType}, as {@link Expressions#coalesce}
 * arranges). A later child is evaluated only on rows still null, as Spark's short circuit.
 */
public record Coalesce(List<Expression> children, DataType dataType) implements Expression {
  public Coalesce {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("coalesce needs at least one argument");
    }
  }

  @Override
  public boolean nullable() {
    for (Expression c : children) {
      if (!c.nullable()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Coalesce(c, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector first = children.get(0).evaluate(input, ctx);
    if (!first.mayHaveNulls() || children.size() == 1) {
      return first;
    }
    ColumnVector[] parts = new ColumnVector[children.size()];
    parts[0] = first;
    int[] choice = new int[n];
    int[] pos = new int[n];
    int[] open = new int[n];
    int openCount = 0;
    for (int i = 0; i < n; i++) {
      pos[i] = i;
      if (first.isNull(i)) {
        choice[i] = -1;
        open[openCount++] = i;
      }
    }
    for (int c = 1; c < children.size() && openCount > 0; c++) {
      ColumnVector v = VectorOps.evaluateRows(children.get(c), input, open, openCount, ctx);
      parts[c] = v;
      int still = 0;
      for (int k = 0; k < openCount; k++) {
        int row = open[k];
        if (v.isNull(k)) {
          open[still++] = row;
        } else {
          choice[row] = c;
          pos[row] = k;
        }
      }
      openCount = still;
    }
    return VectorOps.gather(dataType, parts, choice, pos, n);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("coalesce(");
    for (int k = 0; k < children.size(); k++) {
      sb.append(k > 0 ? ", " : "").append(children.get(k).sql());
    }
    return sb.append(')').toString();
  }
}
