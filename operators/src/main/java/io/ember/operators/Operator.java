package io.ember.operators;

import io.ember.core.data.Batch;

/**
 * A physical operator: batches in, batches out. An operator instance belongs to one task and is called
 * from one thread at a time, never concurrently; it knows nothing of actors or the network, so a unit test
 * drives it directly (see {@code OperatorHarness} in this module's test kit).
 *
 * <p>Life cycle: {@link #open} once; then any interleaving of {@link #process}, {@link #endOfEpoch},
 * {@link #onWatermark}, {@link #snapshot} and {@link #endOfInput} (once per input); then {@link #close}.
 * {@link #restore} may be called right after {@code open}, before any input, to resume from a snapshot.
 *
 * <p>Streams: a streaming job is cut into epochs (Spark's micro-batches) by barriers that flow with the
 * data. When a task has processed every row of epoch {@code N} on all inputs it calls, per operator of its
 * chain in order, {@link #endOfEpoch} (output emitted there belongs to epoch {@code N}); then the epoch's
 * {@link #snapshot}; then, when the event-time watermark advanced, {@link #onWatermark} with the watermark
 * that holds for epoch {@code N + 1} (output emitted there belongs to epoch {@code N + 1}). So an operator
 * sees, in Spark's terms: the rows of batch {@code N+1} arrive after the watermark of batch {@code N+1} is
 * known, as Spark computes it from the rows of batches up to {@code N}. In a streaming job
 * {@link #endOfInput} of a stream only comes when a bounded stream ({@code Trigger.AvailableNow}) was read to
 * its end, after its final epoch; streaming operators must not flush state there.
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
   * Every row of epoch {@code epoch} has been processed. Operators whose output is per epoch (an update or
   * complete mode streaming aggregate, the partial phase of an aggregate) emit it here. Default: nothing.
   */
  default void endOfEpoch(long epoch, Output out) {}

  /**
   * The event-time watermark advanced to {@code watermarkMicros} (microseconds since the epoch, as
   * timestamps are): it holds for every row that follows. Stateful operators drop input rows older than it
   * as late, and emit and evict state it closes (an append mode window). Watermarks only increase; before
   * the first call there is none (nothing is late). Default: nothing.
   */
  default void onWatermark(long watermarkMicros, Output out) {}

  /**
   * The smallest watermark at which {@link #onWatermark} would emit output for the state the operator holds now
   * (an append mode window's end), or {@link Long#MAX_VALUE} when nothing it holds waits for the watermark to be
   * emitted, or it cannot tell cheaply. Called between epochs (after {@link #endOfEpoch}, before and after
   * {@link #onWatermark}: a value at or below the new watermark tells the runtime that the step emits). The runtime uses it
   * only to cut the next epoch as soon as the sources' watermark passes it, instead of at the next epoch interval
   * (so a closed window is emitted without waiting for that interval): a value too low costs an extra epoch, one
   * too high the latency of waiting for the interval, neither the output. Default: {@link Long#MAX_VALUE}.
   */
  default long nextEmissionWatermarkMicros() {
    return Long.MAX_VALUE;
  }

  /**
   * The size of this operator's keyed state, for progress reports ({@code stateOperators}); null for an
   * operator without state across epochs. Called between epochs, after {@link #endOfEpoch}.
   */
  default StateMetrics stateMetrics() {
    return null;
  }

  /**
   * Snapshots the operator's state for epoch {@code epoch}, at a barrier: every batch before the barrier
   * is processed, none after it. The bytes start with a format version (see {@link StateSnapshots}).
   *
   * <p>Keyed state in {@link io.ember.operators.state.StateTable}s made through {@link OperatorContext#state()}
   * is not part of these bytes: the task snapshots those tables itself, incrementally (only the entries changed
   * since the previous snapshot; see {@link OperatorStates}), right after this call. So an operator writes here
   * only its other fields (watermark, counters, metrics), and must have written any buffered work into its tables
   * before returning.
   *
   * @return the state, or null when the operator holds none besides its tables (stateless operators)
   */
  default byte[] snapshot(long epoch) {
    return null;
  }

  /**
   * Replaces the state with one taken by {@link #snapshot} of an operator made from the same spec. The operator's
   * tables were restored already (it may read them, e.g. to recount entries) and must not be cleared here.
   */
  default void restore(byte[] snapshot) {}

  /** Releases resources; called once, also after a failure. */
  default void close() {}
}
