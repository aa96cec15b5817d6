package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.List;

/**
 * Spark's {@code min(expr)} and {@code max(expr)} over any orderable type (numbers, strings in UTF-8 byte
 * order, dates, timestamps, booleans, decimals, arrays, structs); the result has the input's type and is
 * null when no input is non-null.
 */
public record MinMaxFunction(Expression input, boolean max) implements AggregateFunction {
  @Override
  public String name() {
    return max ? "max" : "min";
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    return input.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField(name(), resultType(), true));
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    ValueSlots slots = ValueSlots.forType(resultType());
    return new Accumulator() {
      @Override
      public void ensureGroups(int groupCount) {
        slots.ensureGroups(groupCount);
      }

      @Override
      public void update(int[] groupIds, int numRows, ColumnVector[] args) {
        slots.updateExtreme(groupIds, numRows, args[0], max);
      }

      @Override
      public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
        slots.updateExtreme(groupIds, numRows, state[0], max);
      }

      @Override
      public ColumnVector[] state(int from, int count) {
        return new ColumnVector[] {slots.build(from, count)};
      }

      @Override
      public ColumnVector result(int from, int count) {
        return slots.build(from, count);
      }

      @Override
      public long estimatedBytes() {
        return slots.estimatedBytes();
      }
    };
  }
}
