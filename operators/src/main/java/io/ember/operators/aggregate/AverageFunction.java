package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code avg(expr)} (alias {@code mean}): the mean of the non-null inputs, null when there are none.
 * Numbers average to double (summed as double, like Spark); {@code decimal(p,s)} averages to
 * {@code decimal(min(38, p + 4), min(38, s + 4))}, rounded half-up, with the sum kept as
 * {@code decimal(min(38, p + 10), s)}. ANSI intervals average to {@code interval day to second} or
 * {@code interval year to month} ({@link IntervalAverage}).
 */
public record AverageFunction(Expression input) implements AggregateFunction {
  @Override
  public String name() {
    return "avg";
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    if (input.dataType() instanceof io.ember.core.types.DayTimeIntervalType) {
      return DataTypes.DAY_TIME_INTERVAL;
    }
    if (input.dataType() instanceof io.ember.core.types.YearMonthIntervalType) {
      return DataTypes.YEAR_MONTH_INTERVAL;
    }
    if (input.dataType() instanceof DecimalType d) {
      return new DecimalType(Math.min(DecimalType.MAX_PRECISION, d.precision() + 4),
          Math.min(DecimalType.MAX_PRECISION, d.scale() + 4));
    }
    return DataTypes.DOUBLE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  private DecimalType sumType() {
    DecimalType d = (DecimalType) input.dataType();
    return new DecimalType(Math.min(DecimalType.MAX_PRECISION, d.precision() + 10), d.scale());
  }

  @Override
  public List<StructField> stateFields() {
    List<StructField> fields = new ArrayList<>();
    if (input.dataType() instanceof DecimalType) {
      fields.addAll(DecimalSumAccumulator.stateFields(sumType()));
    } else if (DataTypes.isInterval(input.dataType())) {
      fields.add(new StructField("sum", DataTypes.LONG, true));
    } else {
      fields.add(new StructField("sum", DataTypes.DOUBLE, true));
    }
    fields.add(new StructField("count", DataTypes.LONG, false));
    return fields;
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    if (DataTypes.isInterval(input.dataType())) {
      return new IntervalAverage(resultType());
    }
    if (input.dataType() instanceof DecimalType) {
      return new DecimalAverage(new DecimalSumAccumulator(sumType(), context.ansi()),
          (DecimalType) resultType(), context.ansi());
    }
    return new DoubleAverage();
  }

  /** Double sum and count per group. */
  private static final class DoubleAverage implements Accumulator {
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    @Override
    public void ensureGroups(int groupCount) {
      sums = States.grow(sums, groupCount);
      counts = States.grow(counts, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      double[] values = States.toDoubles(v);
      boolean[] nulls = v.nullMask();
      double[] s = sums;
      long[] c = counts;
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          s[g] += values[i];
          c[g]++;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      DoubleVector partialSums = (DoubleVector) state[0];
      long[] partialCounts = ((LongVector) state[1]).values();
      for (int i = 0; i < numRows; i++) {
        if (!partialSums.isNull(i)) {
          int g = groupIds[i];
          sums[g] += partialSums.getDouble(i);
          counts[g] += partialCounts[i];
        }
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      boolean[] nulls = null;
      for (int k = 0; k < count; k++) {
        if (counts[from + k] == 0) {
          nulls = nulls == null ? new boolean[count] : nulls;
          nulls[k] = true;
        }
      }
      DoubleVector s = States.doubles(sums, from, count);
      return new ColumnVector[] {new DoubleVector(s.values(), nulls, count), States.longs(counts, from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      double[] out = new double[count];
      boolean[] nulls = null;
      for (int k = 0; k < count; k++) {
        long c = counts[from + k];
        if (c == 0) {
          nulls = nulls == null ? new boolean[count] : nulls;
          nulls[k] = true;
        } else {
          out[k] = sums[from + k] / c;
        }
      }
      return new DoubleVector(out, nulls, count);
    }

    @Override
    public long estimatedBytes() {
      return 16L * sums.length;
    }
  }

  /** Decimal sum (see {@link DecimalSumAccumulator}) and count per group. */
  private static final class DecimalAverage implements Accumulator {
    private final DecimalSumAccumulator sums;
    private final DecimalType resultType;
    private final boolean ansi;
    private long[] counts = new long[0];

    DecimalAverage(DecimalSumAccumulator sums, DecimalType resultType, boolean ansi) {
      this.sums = sums;
      this.resultType = resultType;
      this.ansi = ansi;
    }

    @Override
    public void ensureGroups(int groupCount) {
      sums.ensureGroups(groupCount);
      counts = States.grow(counts, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      sums.update(groupIds, numRows, args);
      ColumnVector v = args[0];
      for (int i = 0; i < numRows; i++) {
        if (!v.isNull(i)) {
          counts[groupIds[i]]++;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      sums.merge(groupIds, numRows, new ColumnVector[] {state[0], state[1]});
      long[] partialCounts = ((LongVector) state[2]).values();
      for (int i = 0; i < numRows; i++) {
        counts[groupIds[i]] += partialCounts[i];
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      ColumnVector[] s = sums.state(from, count);
      return new ColumnVector[] {s[0], s[1], States.longs(counts, from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      BigDecimal[] out = new BigDecimal[count];
      boolean[] nulls = null;
      for (int k = 0; k < count; k++) {
        int g = from + k;
        BigDecimal sum = counts[g] == 0 ? null : sums.sum(g);
        if (sum != null) {
          BigDecimal avg = sum.divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
          out[k] = DecimalSumAccumulator.checkFits(avg, resultType, ansi);
        }
        if (out[k] == null) {
          nulls = nulls == null ? new boolean[count] : nulls;
          nulls[k] = true;
        }
      }
      return new DecimalVector(resultType, out, nulls, count);
    }

    @Override
    public long estimatedBytes() {
      return sums.estimatedBytes() + 8L * counts.length;
    }
  }
}
