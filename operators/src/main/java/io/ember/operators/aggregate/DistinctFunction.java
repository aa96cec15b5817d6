package io.ember.operators.aggregate;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code f(DISTINCT args)}: {@code inner} applied to each group's distinct argument tuples, as Spark's
 * {@code count(DISTINCT a, b)}, {@code sum(DISTINCT x)} and {@code avg(DISTINCT x)}. Rows where any
 * argument is null are skipped. The partial state is the array of distinct tuples (see
 * {@link DistinctValues}), so partial aggregates before a hash exchange merge exactly.
 */
public record DistinctFunction(AggregateFunction inner) implements AggregateFunction {
  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<Expression> inputs() {
    return inner.inputs();
  }

  @Override
  public DataType resultType() {
    return inner.resultType();
  }

  @Override
  public boolean nullable() {
    return inner.nullable();
  }

  private List<DataType> valueTypes() {
    List<DataType> types = new ArrayList<>();
    for (Expression e : inner.inputs()) {
      types.add(e.dataType());
    }
    return types;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField("distinct", DistinctValues.stateType(valueTypes()), false));
  }

  @Override
  public String sql() {
    return name() + "(DISTINCT " + inputs().stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    List<DataType> types = valueTypes();
    return new DistinctAccumulator(new DistinctValues(types), DistinctValues.stateType(types), context);
  }

  private final class DistinctAccumulator implements Accumulator {
    private final DistinctValues values;
    private final ArrayType stateType;
    private final EvalContext context;

    DistinctAccumulator(DistinctValues values, ArrayType stateType, EvalContext context) {
      this.values = values;
      this.stateType = stateType;
      this.context = context;
    }

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
      return new ColumnVector[] {values.toArrays(from, count, stateType)};
    }

    /** Feeds each group's distinct tuples to a fresh accumulator of {@code inner} for the groups asked. */
    @Override
    public ColumnVector result(int from, int count) {
      int[] offsets = new int[count + 1];
      ColumnVector[] cols = values.values(from, count, offsets);
      int[] localIds = new int[offsets[count]];
      for (int k = 0; k < count; k++) {
        for (int e = offsets[k]; e < offsets[k + 1]; e++) {
          localIds[e] = k;
        }
      }
      Accumulator acc = inner.newAccumulator(context);
      acc.ensureGroups(count);
      acc.update(localIds, localIds.length, cols);
      return acc.result(0, count);
    }

    @Override
    public long estimatedBytes() {
      return values.estimatedBytes();
    }
  }
}
