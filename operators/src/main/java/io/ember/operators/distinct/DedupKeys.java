package io.ember.operators.distinct;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.StringJoiner;

/**
 * The key columns of the deduplicating specs, batch ({@link DistinctSpec}) and streaming: given as column
 * indices of the input schema, an empty list meaning every column.
 */
public final class DedupKeys {
  private DedupKeys() {}

  /**
   * An immutable copy of {@code keyColumns}, each checked to be a column of {@code schema}.
   *
   * @param operator the operator named in the error ({@code Distinct}, {@code Deduplicate})
   * @throws EmberIllegalArgumentException when a key is not a column of the schema
   */
  public static List<Integer> checked(String operator, StructType schema, List<Integer> keyColumns) {
    List<Integer> keys = List.copyOf(keyColumns);
    for (int k : keys) {
      if (k < 0 || k >= schema.size()) {
        throw new EmberIllegalArgumentException(
            "INTERNAL_ERROR", operator + " key column " + k + " is outside " + schema.simpleString());
      }
    }
    return keys;
  }

  /** The key column indices, every column of {@code schema} when {@code keyColumns} is empty. */
  public static int[] effective(StructType schema, List<Integer> keyColumns) {
    int n = keyColumns.isEmpty() ? schema.size() : keyColumns.size();
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keyColumns.isEmpty() ? i : keyColumns.get(i);
    }
    return keys;
  }

  /** The names of the key columns as {@code explain()} shows them: {@code [a, b]}. */
  public static String names(StructType schema, int[] keys) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (int k : keys) {
      j.add(schema.field(k).name());
    }
    return j.toString();
  }
}
