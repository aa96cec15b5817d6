package io.ember.operators.distinct;

import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.List;

/**
 * Drops duplicate rows, streaming: a row is emitted the first time its key is seen and dropped afterwards, so
 * {@code dropDuplicates(cols)} keeps the first row per key in arrival order. Nulls in keys equal each other, as
 * in Spark's grouping. The state is the set of keys seen, held within the task's
 * {@link io.ember.operators.memory.MemoryBudget}. For a global result the input is hash-partitioned by the key.
 *
 * @param schema the schema of input and output
 * @param keyColumns the key column indices; empty means every column ({@code distinct()})
 */
public record DistinctSpec(StructType schema, List<Integer> keyColumns) implements OperatorSpec {
  public DistinctSpec {
    keyColumns = DedupKeys.checked("Distinct", schema, keyColumns);
  }

  /** {@code distinct()}: every column is the key. */
  public static DistinctSpec allColumns(StructType schema) {
    return new DistinctSpec(schema, List.of());
  }

  /** The key column indices, every column when {@link #keyColumns()} is empty. */
  public int[] effectiveKeys() {
    return DedupKeys.effective(schema, keyColumns);
  }

  @Override
  public Operator create() {
    return new DistinctOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    String j = DedupKeys.names(schema, effectiveKeys());
    return "Deduplicate(keys=" + j + ")";
  }
}
