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
 * Spark's {@code collect_list(expr)}: the non-null values of each group in the order seen, as a non-null
 * {@code array<T>} (empty for a group without values). Values are stored columnar in a {@link RowStore}.
 */
public record CollectListFunction(Expression input) implements AggregateFunction {
  @Override
  public String name() {
    return "collect_list";
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
    return new ListAccumulator((ArrayType) resultType());
  }

  private static final class ListAccumulator implements Accumulator {
    private final ArrayType type;
    private final RowStore values;
    private final GroupChains chains = new GroupChains();

    ListAccumulator(ArrayType type) {
      this.type = type;
      this.values = new RowStore(new DataType[] {type.elementType()});
    }

    @Override
    public void ensureGroups(int groupCount) {
      chains.ensureGroups(groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      values.beginBatch(new ColumnVector[] {v});
      try {
        for (int i = 0; i < numRows; i++) {
          if (!v.isNull(i)) {
            chains.append(groupIds[i], values.add(i));
          }
        }
      } finally {
        values.endBatch();
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      ArrayVector lists = (ArrayVector) state[0];
      ColumnVector elements = lists.elements();
      values.beginBatch(new ColumnVector[] {elements});
      try {
        for (int i = 0; i < numRows; i++) {
          if (lists.isNull(i)) {
            continue;
          }
          for (int e = lists.start(i), end = e + lists.length(i); e < end; e++) {
            if (!elements.isNull(e)) {
              chains.append(groupIds[i], values.add(e));
            }
          }
        }
      } finally {
        values.endBatch();
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {result(from, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      int[] offsets = new int[count + 1];
      int[] entries = chains.entries(from, count, offsets);
      ColumnVector elements = values.columns()[0].take(entries, entries.length);
      return new ArrayVector(type, offsets, elements, null, count);
    }

    @Override
    public long estimatedBytes() {
      return values.estimatedBytes() + chains.estimatedBytes();
    }
  }
}
