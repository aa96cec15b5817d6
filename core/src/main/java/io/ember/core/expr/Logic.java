package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;

/**
 * SQL three-valued AND / OR with Spark's short circuit: the right side is evaluated only on the rows the
 * left side does not decide (not false for AND, not true for OR), so a guard such as
 * {@code x != 0 AND 10 / x > 1} never divides by zero.
 */
final class Logic {
  private Logic() {}

  static ColumnVector evaluate(boolean and, Expression left, Expression right, Batch input, EvalContext ctx) {
    BooleanVector l = (BooleanVector) left.evaluate(input, ctx);
    int n = input.numRows();
    boolean decider = !and; // AND is decided by false, OR by true
    int[] rows = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (l.isNull(i) || l.getBoolean(i) != decider) {
        rows[count++] = i;
      }
    }
    boolean[] out = new boolean[n];
    boolean[] nulls = new boolean[n];
    if (count == 0) {
      java.util.Arrays.fill(out, decider);
      return new BooleanVector(out, null, n);
    }
    BooleanVector r = (BooleanVector) VectorOps.evaluateRows(right, input, rows, count, ctx);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (k < count && rows[k] == i) {
        boolean rNull = r.isNull(k);
        boolean rVal = r.getBoolean(k);
        k++;
        if (!rNull && rVal == decider) {
          out[i] = decider;
        } else if (rNull || l.isNull(i)) {
          nulls[i] = true;
        } else {
          out[i] = !decider;
        }
      } else {
        out[i] = decider;
      }
    }
    return VectorOps.booleans(out, nulls, n);
  }
}
