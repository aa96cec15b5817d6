package io.ember.operators.aggregate;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import java.util.List;

/**
 * Spark's {@code first(expr[, ignoreNulls])} and {@code last(expr[, ignoreNulls])}: the value of the first
 * (last) row seen in each group; with {@code ignoreNulls}, of the first (last) row whose value is not null.
 * As in Spark the answer depends on row order and is nondeterministic across partitions: a FINAL aggregate
 * takes the first (last) partial state it merges. The state is {@code (value, valueSet)} as in Spark.
 */
public record FirstLastFunction(Expression input, boolean last, boolean ignoreNulls) implements AggregateFunction {
  @Override
  public String name() {
    return last ? "last" : "first";
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
    return List.of(new StructField(name(), resultType(), true),
        new StructField("valueSet", DataTypes.BOOLEAN, false));
  }

  @Override
  public String sql() {
    return name() + "(" + input.sql() + ")" + (ignoreNulls ? " ignore nulls" : "");
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    return new FirstLastAccumulator(ValueSlots.forType(resultType()), last);
  }

  private final class FirstLastAccumulator implements Accumulator {
    private final ValueSlots slots;
    private final boolean takeLast;
    private boolean[] valueSet = new boolean[0];
    private int[] pick = new int[0];
    private int[] touched = new int[0];

    FirstLastAccumulator(ValueSlots slots, boolean takeLast) {
      this.slots = slots;
      this.takeLast = takeLast;
    }

    @Override
    public void ensureGroups(int groupCount) {
      slots.ensureGroups(groupCount);
      valueSet = States.grow(valueSet, groupCount);
      pick = States.grow(pick, groupCount, -1);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      absorb(groupIds, numRows, args[0], null, ignoreNulls);
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      absorb(groupIds, numRows, state[0], (BooleanVector) state[1], false);
    }

    /** Picks per group the first (last) eligible row of the batch, then stores it once. */
    private void absorb(int[] groupIds, int numRows, ColumnVector v, BooleanVector valid, boolean skipNulls) {
      touched = States.grow(touched, numRows);
      int touchedCount = 0;
      for (int i = 0; i < numRows; i++) {
        if ((valid != null && !valid.getBoolean(i)) || (skipNulls && v.isNull(i))) {
          continue;
        }
        int g = groupIds[i];
        if (!takeLast && valueSet[g]) {
          continue;
        }
        if (pick[g] < 0) {
          touched[touchedCount++] = g;
          pick[g] = i;
        } else if (takeLast) {
          pick[g] = i;
        }
      }
      for (int k = 0; k < touchedCount; k++) {
        int g = touched[k];
        int row = pick[g];
        pick[g] = -1;
        if (v.isNull(row)) {
          slots.setNull(g);
        } else {
          slots.set(g, v, row);
        }
        valueSet[g] = true;
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {slots.build(from, count), States.booleans(valueSet, from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      return slots.build(from, count);
    }

    @Override
    public long estimatedBytes() {
      return slots.estimatedBytes() + 5L * valueSet.length;
    }
  }
}
