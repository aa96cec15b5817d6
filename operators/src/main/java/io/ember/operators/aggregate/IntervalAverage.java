package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.DataType;
import io.ember.core.types.DayTimeIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code avg} of ANSI intervals, as Spark's: an exact sum (µs or months, {@code ARITHMETIC_OVERFLOW} when it does
 * not fit a long) and a count per group; the mean is rounded half-up to a whole microsecond or month and typed
 * {@code resultType} ({@code interval day to second} or {@code interval year to month}).
 */
final class IntervalAverage implements Accumulator {
  private final DataType resultType;
  private long[] sums = new long[0];
  private long[] counts = new long[0];

  IntervalAverage(DataType resultType) {
    this.resultType = resultType;
  }

  @Override
  public void ensureGroups(int groupCount) {
    sums = States.grow(sums, groupCount);
    counts = States.grow(counts, groupCount);
  }

  @Override
  public void update(int[] groupIds, int numRows, ColumnVector[] args) {
    add(groupIds, numRows, args[0], null);
  }

  @Override
  public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
    add(groupIds, numRows, state[0], ((LongVector) state[1]).values());
  }

  /** Adds each non-null value to its group's sum, and 1 (or {@code partialCounts[i]}) to its count. */
  private void add(int[] groupIds, int numRows, ColumnVector v, long[] partialCounts) {
    try {
      for (int i = 0; i < numRows; i++) {
        if (!v.isNull(i)) {
          int g = groupIds[i];
          long x = v instanceof LongVector lv ? lv.getLong(i) : ((IntVector) v).getInt(i);
          sums[g] = Math.addExact(sums[g], x);
          counts[g] += partialCounts == null ? 1 : partialCounts[i];
        }
      }
    } catch (ArithmeticException e) {
      throw ExpressionErrors.arithmeticOverflow("long overflow", "try_avg");
    }
  }

  @Override
  public ColumnVector[] state(int from, int count) {
    boolean[] nulls = nullsWhereEmpty(from, count);
    LongVector s = States.longs(sums, from, count);
    return new ColumnVector[] {new LongVector(s.type(), s.values(), nulls, count), States.longs(counts, from, count)};
  }

  @Override
  public ColumnVector result(int from, int count) {
    boolean[] nulls = nullsWhereEmpty(from, count);
    long[] out = new long[count];
    for (int k = 0; k < count; k++) {
      long c = counts[from + k];
      if (c != 0) {
        out[k] = BigDecimal.valueOf(sums[from + k]).divide(BigDecimal.valueOf(c), 0, RoundingMode.HALF_UP)
            .longValue();
      }
    }
    if (resultType instanceof DayTimeIntervalType) {
      return new LongVector(resultType, out, nulls, count);
    }
    int[] months = new int[count];
    for (int k = 0; k < count; k++) {
      months[k] = (int) out[k]; // a mean of ints fits an int
    }
    return new IntVector(resultType, months, nulls, count);
  }

  private boolean[] nullsWhereEmpty(int from, int count) {
    boolean[] nulls = null;
    for (int k = 0; k < count; k++) {
      if (counts[from + k] == 0) {
        nulls = nulls == null ? new boolean[count] : nulls;
        nulls[k] = true;
      }
    }
    return nulls;
  }

  @Override
  public long estimatedBytes() {
    return 16L * sums.length;
  }
}
