package io.ember.operators.aggregate;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.List;

/**
 * Spark's {@code collect_set(expr)}: the distinct non-null values of each group, in first-seen order, as a
 * non-null {@code array<T>} (empty for a group without values). Spark does not promise an order; neither do we.
 */
public record CollectSetFunction(Expression input) implements AggregateFunction {
  @Override
  public String name() {
    return "collect_set";
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    return new ArrayType(input.dataType(), false);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField("buffer", resultType(), false));
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    DistinctValues values = new DistinctValues(List.of(input.dataType()));
    ArrayType type = (ArrayType) resultType();
    return new Accumulator() {
      @Override
      public void ensureGroups(int groupCount) {
        values.ensureGroups(groupCount);
      }

      @Override
      public void update(int[] groupIds, int numRows, ColumnVector[] args) {
        values.add(groupIds, numRows, args);
      }

      @Override
      public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
        values.merge(groupIds, numRows, (ArrayVector) state[0]);
      }

      @Override
      public ColumnVector[] state(int from, int count) {
        return new ColumnVector[] {result(from, count)};
      }

      @Override
      public ColumnVector result(int from, int count) {
        return values.toArrays(from, count, type);
      }

      @Override
      public long estimatedBytes() {
        return values.estimatedBytes();
      }
    };
  }
}
