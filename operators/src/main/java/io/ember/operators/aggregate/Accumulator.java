package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;

/**
 * The mutable per-group state of one {@link AggregateFunction} inside one running aggregate operator.
 * Groups are dense ids {@code 0..n-1} handed out by the operator's hash table; state lives in growable
 * primitive arrays indexed by group id, not in one object per group.
 *
 * <p>Single-threaded, like the operator that owns it. Every method that takes {@code groupIds} reads
 * {@code groupIds[0..numRows)}, one id per input row; the ids must be below the last
 * {@link #ensureGroups} count.
 */
public interface Accumulator {
  /** Makes room for groups {@code [0, groupCount)}; groups not seen before start empty. */
  void ensureGroups(int groupCount);

  /**
   * Adds input rows: row {@code i} of {@code args} (the function's evaluated
   * {@link AggregateFunction#evaluateInputs inputs}) belongs to group {@code groupIds[i]}.
   */
  void update(int[] groupIds, int numRows, ColumnVector[] args);

  /**
   * Merges partial states: row {@code i} of {@code state} (columns laid out as
   * {@link AggregateFunction#stateFields()}) belongs to group {@code groupIds[i]}.
   */
  void merge(int[] groupIds, int numRows, ColumnVector[] state);

  /** The partial state of groups {@code [from, from + count)}, one column per state field. */
  ColumnVector[] state(int from, int count);

  /** The final values of groups {@code [from, from + count)}, of the function's result type. */
  ColumnVector result(int from, int count);

  /** An estimate of the bytes this state holds, for the task's memory budget. */
  long estimatedBytes();
}
