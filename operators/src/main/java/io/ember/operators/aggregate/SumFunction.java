package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.YearMonthIntervalType;
import java.util.List;

/**
 * Spark's {@code sum(expr)}. int and bigint inputs sum to bigint: on overflow ANSI mode raises
 * {@code ARITHMETIC_OVERFLOW} and legacy mode wraps around, as Spark's long addition does. double sums to
 * double. {@code decimal(p,s)} sums to {@code decimal(min(38, p + 10), s)}; a sum that does not fit raises
 * {@code NUMERIC_VALUE_OUT_OF_RANGE} in ANSI mode and gives null in legacy mode. An ANSI interval sums to its own
 * type and never wraps ({@code ARITHMETIC_OVERFLOW} in either mode, as Spark's interval sums). Null when no input is
 * non-null.
 */
public record SumFunction(Expression input) implements AggregateFunction {
  @Override
  public String name() {
    return "sum";
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    DataType t = input.dataType();
    if (DataTypes.isInterval(t)) {
      return t;
    }
    if (t instanceof DecimalType d) {
      return new DecimalType(Math.min(DecimalType.MAX_PRECISION, d.precision() + 10), d.scale());
    }
    return t instanceof DoubleType || t instanceof NullType ? DataTypes.DOUBLE : DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<StructField> stateFields() {
    if (resultType() instanceof DecimalType d) {
      return DecimalSumAccumulator.stateFields(d);
    }
    return List.of(new StructField("sum", resultType(), true));
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    DataType result = resultType();
    if (result instanceof DecimalType d) {
      return new DecimalSumAccumulator(d, context.ansi());
    }
    if (DataTypes.isInterval(result)) {
      return new LongSum(true, result);
    }
    return result instanceof DoubleType ? new DoubleSum() : new LongSum(context.ansi());
  }

  /** bigint sums (or interval sums, in µs or months) with a presence flag per group. */
  static final class LongSum implements Accumulator {
    private final boolean ansi;
    private final DataType type;
    private long[] sums = new long[0];
    private boolean[] present = new boolean[0];

    LongSum(boolean ansi) {
      this(ansi, DataTypes.LONG);
    }

    /** Sums typed {@code type}: bigint, a day-time interval, or a year-month interval (checked to fit an int). */
    LongSum(boolean ansi, DataType type) {
      this.ansi = ansi;
      this.type = type;
    }

    @Override
    public void ensureGroups(int groupCount) {
      sums = States.grow(sums, groupCount);
      present = States.grow(present, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      if (v instanceof IntVector iv) {
        addInts(groupIds, numRows, iv.values(), v.nullMask());
      } else if (v instanceof LongVector lv) {
        addLongs(groupIds, numRows, lv.values(), v.nullMask());
      }
    }

    private void addInts(int[] groupIds, int numRows, int[] values, boolean[] nulls) {
      long[] s = sums;
      boolean[] p = present;
      try {
        for (int i = 0; i < numRows; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i];
            s[g] = ansi ? Math.addExact(s[g], values[i]) : s[g] + values[i];
            p[g] = true;
          }
        }
      } catch (ArithmeticException e) {
        throw ExpressionErrors.arithmeticOverflow("long overflow", "try_sum");
      }
    }

    private void addLongs(int[] groupIds, int numRows, long[] values, boolean[] nulls) {
      long[] s = sums;
      boolean[] p = present;
      try {
        for (int i = 0; i < numRows; i++) {
          if (nulls == null || !nulls[i]) {
            int g = groupIds[i];
            s[g] = ansi ? Math.addExact(s[g], values[i]) : s[g] + values[i];
            p[g] = true;
          }
        }
      } catch (ArithmeticException e) {
        throw ExpressionErrors.arithmeticOverflow("long overflow", "try_sum");
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      update(groupIds, numRows, state);
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {result(from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      LongVector v = States.longs(sums, from, count);
      boolean[] nulls = States.nullsWhereAbsent(present, from, count);
      if (type instanceof YearMonthIntervalType) {
        int[] months = new int[count];
        for (int i = 0; i < count; i++) {
          long m = v.values()[i];
          if (m < Integer.MIN_VALUE || m > Integer.MAX_VALUE) {
            throw ExpressionErrors.arithmeticOverflow("integer overflow", "try_sum");
          }
          months[i] = (int) m;
        }
        return new IntVector(type, months, nulls, count);
      }
      return new LongVector(type, v.values(), nulls, count);
    }

    @Override
    public long estimatedBytes() {
      return 9L * sums.length;
    }
  }

  /** double sums with a presence flag per group. */
  static final class DoubleSum implements Accumulator {
    private double[] sums = new double[0];
    private boolean[] present = new boolean[0];

    @Override
    public void ensureGroups(int groupCount) {
      sums = States.grow(sums, groupCount);
      present = States.grow(present, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      double[] values = States.toDoubles(v);
      boolean[] nulls = v.nullMask();
      double[] s = sums;
      boolean[] p = present;
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          s[g] += values[i];
          p[g] = true;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      update(groupIds, numRows, state);
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {result(from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      DoubleVector v = States.doubles(sums, from, count);
      return new DoubleVector(v.values(), States.nullsWhereAbsent(present, from, count), count);
    }

    @Override
    public long estimatedBytes() {
      return 9L * sums.length;
    }
  }
}
