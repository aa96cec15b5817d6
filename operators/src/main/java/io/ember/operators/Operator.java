package io.ember.operators;

import io.ember.core.data.Batch;

/**
 * A physical operator: batches in, batches out. An operator instance belongs to one task and is called
 * from one thread at a time, never concurrently; it knows nothing of actors or the network, so a unit test
 * drives it directly (see {@code OperatorHarness} in this module's test kit).
 *
 * <p>Life cycle: {@link #open} once; then any interleaving of {@link #process}, {@link #onWatermark},
 * {@link #snapshot} and {@link #endOfInput} (once per input); then {@link #close}. {@link #restore} may
 * be called right after {@code open}, before any input, to resume from a snapshot.
 *
 * <p>Back-pressure: the task calls {@code process} only when downstream has room, and an operator should
 * emit output proportional to its input. Operators that emit a lot at once (a final aggregate at end of
 * input) emit several batches of at most {@link OperatorContext#batchSize()} rows each.
 *
 * <p>Inputs are numbered from 0; single-input operators see only input 0. For joins, input 0 is the
 * build side, which ends before the probe side (input 1) is read.
 */
public interface Operator {
  /** Prepares the operator; called once, before anything else. */
  default void open(OperatorContext context) {}

  /** Processes one batch from {@code input}; emits any output to {@code out} before returning. */
  void process(int input, Batch batch, Output out);

  /** All batches of {@code input} have been processed. Blocking operators emit their results here. */
  default void endOfInput(int input, Output out) {}

  /**
   * Event time has advanced to {@code watermarkMicros} on every input: no later row will be older.
   * Windowed and stateful operators may emit and drop finished state. Default: nothing.
   */
  default void onWatermark(long watermarkMicros, Output out) {}

  /**
   * Snapshots the operator's state for epoch {@code epoch}, at a barrier: every batch before the barrier
   * is processed, none after it. The bytes start with a format version (see {@link StateSnapshots}).
   *
   * @return the state, or null when the operator holds none (stateless operators)
   */
  default byte[] snapshot(long epoch) {
    return null;
  }

  /** Replaces the state with one taken by {@link #snapshot} of an operator made from the same spec. */
  default void restore(byte[] snapshot) {}

  /** Releases resources; called once, also after a failure. */
  default void close() {}
}
