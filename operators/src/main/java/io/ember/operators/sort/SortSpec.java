package io.ember.operators.sort;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.List;
import java.util.StringJoiner;

/**
 * Sorts its whole input by {@code keys} (a stable sort: rows with equal keys keep their arrival order) and
 * emits it at end of input, in batches of at most {@link io.ember.operators.OperatorContext#batchSize()} rows.
 * It buffers its input within the task's {@link io.ember.operators.memory.MemoryBudget} and past it spills sorted
 * runs to the budget's spill directory, merged at the end ({@link ExternalSorter}). For a global order the planner
 * runs it at parallelism 1 after a gather.
 *
 * <p>With a {@code limit} of 0 or more it is a top-N: it emits only the first {@code limit} rows of the
 * order and holds at most about twice that many rows plus one batch, whatever the input size.
 *
 * @param schema the schema of input and output
 * @param keys the sort keys, most significant first; at least one
 * @param limit the number of rows to keep, or {@link #NO_LIMIT}
 */
public record SortSpec(StructType schema, List<SortKey> keys, long limit) implements OperatorSpec {
  /** The {@code limit} value meaning "sort everything". */
  public static final long NO_LIMIT = -1;

  public SortSpec {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Sort needs at least one sort key");
    }
    if (limit < NO_LIMIT || limit > Integer.MAX_VALUE - 8) {
      throw new EmberIllegalArgumentException(
          "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "The limit of a sort must be between 0 and "
              + (Integer.MAX_VALUE - 8) + ", got " + limit + ".");
    }
  }

  /** A full sort without limit. */
  public SortSpec(StructType schema, List<SortKey> keys) {
    this(schema, keys, NO_LIMIT);
  }

  /** Whether this is a top-N sort. */
  public boolean hasLimit() {
    return limit != NO_LIMIT;
  }

  @Override
  public Operator create() {
    return new SortOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (SortKey k : keys) {
      j.add(k.sql());
    }
    return hasLimit() ? "TopN(limit=" + limit + ", keys=" + j + ")" : "Sort(" + j + ")";
  }
}
