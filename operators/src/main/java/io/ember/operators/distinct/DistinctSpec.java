package io.ember.operators.distinct;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.List;
import java.util.StringJoiner;

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
    keyColumns = List.copyOf(keyColumns);
    for (int k : keyColumns) {
      if (k < 0 || k >= schema.size()) {
        throw new EmberIllegalArgumentException(
            "INTERNAL_ERROR", "Distinct key column " + k + " is outside " + schema.simpleString());
      }
    }
  }

  /** {@code distinct()}: every column is the key. */
  public static DistinctSpec allColumns(StructType schema) {
    return new DistinctSpec(schema, List.of());
  }

  /** The key column indices, every column when {@link #keyColumns()} is empty. */
  public int[] effectiveKeys() {
    int n = keyColumns.isEmpty() ? schema.size() : keyColumns.size();
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keyColumns.isEmpty() ? i : keyColumns.get(i);
    }
    return keys;
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
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (int k : effectiveKeys()) {
      j.add(schema.field(k).name());
    }
    return "Deduplicate(keys=" + j + ")";
  }
}
