package io.ember.core.expr.datetime;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;

/**
 * Spark's {@code window(time, windowDuration, slideDuration, startTime)}, durations in microseconds: the
 * {@code struct<start: timestamp, end: timestamp>} of the window with the latest start that contains
 * {@code time} (start inclusive, end exclusive). Windows start at {@code startMicros + k * slideMicros}
 * and last {@code windowMicros}. A tumbling window ({@link #isTumbling()}) is the only one containing the
 * row; a sliding window's row lies in several, which {@link #expanded()} lists. Null time, null window.
 *
 * <p>The analyzer puts the window in a column named {@link #COLUMN_NAME} below the query (dropping rows
 * whose time is null, as Spark does); the function registry checks the durations.
 */
public record TimeWindow(Expression time, long windowMicros, long slideMicros, long startMicros)
    implements Expression {
  /** The name of the column Spark gives the window. */
  public static final String COLUMN_NAME = "window";

  /** {@code struct<start: timestamp, end: timestamp>}, the type of time and session windows. */
  public static final StructType TYPE = StructType.of(
      new StructField("start", DataTypes.TIMESTAMP, true), new StructField("end", DataTypes.TIMESTAMP, true));

  /** True when windows do not overlap: every row lies in exactly one. */
  public boolean isTumbling() {
    return windowMicros == slideMicros;
  }

  /** The most windows a row can lie in: {@code ceil(window / slide)}. */
  public int windowsPerRow() {
    return (int) ((windowMicros + slideMicros - 1) / slideMicros);
  }

  /** Every window containing the row, latest start first, as an array; null time gives an empty array. */
  public Expression expanded() {
    return new Expansion(this);
  }

  /** The start of the latest window containing {@code t}. */
  long lastStart(long t) {
    long remainder = (t - startMicros) % slideMicros;
    return t - (remainder < 0 ? remainder + slideMicros : remainder);
  }

  @Override
  public DataType dataType() {
    return TYPE;
  }

  @Override
  public boolean nullable() {
    return time.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(time);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new TimeWindow(newChildren.get(0), windowMicros, slideMicros, startMicros);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector in = time.evaluate(input, context);
    int n = input.numRows();
    long[] starts = new long[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      if (!in.isNull(i)) {
        starts[i] = lastStart(((LongVector) in).getLong(i));
        ends[i] = starts[i] + windowMicros;
      }
    }
    boolean[] nulls = in.nullMask() == null ? null : Arrays.copyOf(in.nullMask(), n);
    return struct(starts, ends, nulls, n);
  }

  static StructVector struct(long[] starts, long[] ends, boolean[] nulls, int n) {
    ColumnVector[] fields = {
        new LongVector(DataTypes.TIMESTAMP, starts, null, n), new LongVector(DataTypes.TIMESTAMP, ends, null, n)};
    return new StructVector(TYPE, fields, nulls, n);
  }

  @Override
  public String sql() {
    return "window(" + time.sql() + ", " + windowMicros + ", " + slideMicros + ", " + startMicros + ")";
  }

  /**
   * The windows of a {@link TimeWindow} containing each row, latest start first (Spark's expansion of a
   * sliding window, filtered to the windows that contain the time); empty for a null time.
   */
  public record Expansion(TimeWindow window) implements Expression {
    @Override
    public DataType dataType() {
      return new ArrayType(TYPE, false);
    }

    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public List<Expression> children() {
      return List.of(window.time());
    }

    @Override
    public Expression withChildren(List<Expression> newChildren) {
      return new Expansion((TimeWindow) window.withChildren(newChildren));
    }

    @Override
    public ColumnVector evaluate(Batch input, EvalContext context) {
      ColumnVector in = window.time().evaluate(input, context);
      int n = input.numRows();
      int per = window.windowsPerRow();
      int[] offsets = new int[n + 1];
      long[] starts = new long[n * per];
      long[] ends = new long[n * per];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (!in.isNull(i)) {
          long t = ((LongVector) in).getLong(i);
          long last = window.lastStart(t);
          for (int w = 0; w < per; w++) {
            long start = last - w * window.slideMicros();
            long end = start + window.windowMicros();
            if (t >= start && t < end) {
              starts[k] = start;
              ends[k] = end;
              k++;
            }
          }
        }
        offsets[i + 1] = k;
      }
      return new ArrayVector((ArrayType) dataType(), offsets, struct(starts, ends, null, k), null, n);
    }

    @Override
    public String sql() {
      return window.sql();
    }
  }
}
