package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * Spark's {@code session_window(time, gap)} for one row, before sessions are merged: the
 * {@code struct<start, end>} {@code [time, time + gap)}, {@code gap} being a bigint of microseconds (a
 * constant, or per row for a dynamic gap). Null when the time or the gap is null. Rows whose window is null
 * or empty ({@code end <= start}: a zero or negative gap) take part in no session; the analyzer filters them
 * out below the aggregation, as Spark does.
 *
 * <p>An aggregation grouped by a session window merges, per value of the other keys, the windows of rows
 * that overlap or touch (a row starting at or before a session's end extends it) into one session from the
 * earliest start to the latest end. See {@link SessionWindowKey}.
 */
public record SessionWindow(Expression time, Expression gapMicros) implements Expression {
  /** The name of the column Spark gives the session window. */
  public static final String COLUMN_NAME = "session_window";

  @Override
  public DataType dataType() {
    return TimeWindow.TYPE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(time, gapMicros);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new SessionWindow(newChildren.get(0), newChildren.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector t = time.evaluate(input, context);
    ColumnVector g = gapMicros.evaluate(input, context);
    int n = input.numRows();
    long[] starts = new long[n];
    long[] ends = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (t.isNull(i) || g.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      starts[i] = ((LongVector) t).getLong(i);
      ends[i] = starts[i] + ((LongVector) g).getLong(i);
    }
    return TimeWindow.struct(starts, ends, nulls, n);
  }

  @Override
  public String sql() {
    return "session_window(" + time.sql() + ", " + gapMicros.sql() + ")";
  }
}
