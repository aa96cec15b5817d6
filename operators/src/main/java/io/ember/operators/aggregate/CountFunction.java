package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code count(expr, ...)}: the number of rows where every input is non-null, as a non-null bigint.
 * {@code count(*)} is {@code count(1)} (see {@link AggregateFunctions#countStar()}); inputs that can never be
 * null are not evaluated.
 */
public record CountFunction(List<Expression> inputs) implements AggregateFunction {
  public CountFunction {
    inputs = List.copyOf(inputs);
  }

  @Override
  public String name() {
    return "count";
  }

  @Override
  public DataType resultType() {
    return DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField("count", DataTypes.LONG, false));
  }

  @Override
  public ColumnVector[] evaluateInputs(Batch input, EvalContext context) {
    List<ColumnVector> out = new ArrayList<>();
    for (Expression e : inputs) {
      if (e.nullable()) {
        out.add(e.evaluate(input, context));
      }
    }
    return out.toArray(new ColumnVector[0]);
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    return new CountAccumulator();
  }

  private static final class CountAccumulator implements Accumulator {
    private long[] counts = new long[0];

    @Override
    public void ensureGroups(int groupCount) {
      counts = States.grow(counts, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      long[] c = counts;
      if (args.length == 0 || noNulls(args)) {
        for (int i = 0; i < numRows; i++) {
          c[groupIds[i]]++;
        }
        return;
      }
      for (int i = 0; i < numRows; i++) {
        if (!anyNull(args, i)) {
          c[groupIds[i]]++;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      long[] partial = ((LongVector) state[0]).values();
      long[] c = counts;
      for (int i = 0; i < numRows; i++) {
        c[groupIds[i]] += partial[i];
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {result(from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      return States.longs(counts, from, count);
    }

    @Override
    public long estimatedBytes() {
      return 8L * counts.length;
    }

    private static boolean noNulls(ColumnVector[] args) {
      for (ColumnVector a : args) {
        if (a.mayHaveNulls()) {
          return false;
        }
      }
      return true;
    }

    private static boolean anyNull(ColumnVector[] args, int row) {
      for (ColumnVector a : args) {
        if (a.isNull(row)) {
          return true;
        }
      }
      return false;
    }
  }
}
