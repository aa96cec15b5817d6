package io.ember.operators.stream;

import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;

/**
 * A stateful streaming operator of a query that chains several, run with Spark's (3.5 and later) watermark
 * semantics for such queries. Spark gives every stateful operator of micro-batch {@code N + 1} two watermarks
 * ({@code WatermarkPropagator}): it drops input rows as late by its input watermark of batch {@code N}, and it
 * evicts (and in append mode emits) state by its input watermark of batch {@code N + 1}, after processing the
 * batch's rows. The rows an upstream operator emits when the watermark closes their state are later than the
 * previous watermark, so a downstream operator keeps them, and it closes its own state only once they are in,
 * within the same micro-batch.
 *
 * <p>Ember's tasks hear the global watermark {@code W} of epoch {@code N + 1} right after barrier {@code N}
 * ({@link Operator#onWatermark}), before the rows of epoch {@code N + 1}, among which are those the upstream
 * operator emits for {@code W}. So this wrapper holds {@code W} back and hands {@link #inputWatermark()}{@code
 * (W)} to {@link #inner()} at the end of epoch {@code N + 1}, after the inner operator's own
 * {@link Operator#endOfEpoch}: during epoch {@code N + 1} the inner operator still judges lateness by the
 * watermark of epoch {@code N}, and what the new watermark closes is emitted in epoch {@code N + 1}, as in
 * Spark's batch {@code N + 1}. Everything else is the inner operator's: state, snapshots (taken after
 * {@code endOfEpoch}, when nothing is held back; a restored task hears the epoch's watermark again), metrics
 * (evictions count towards the epoch after the one that emitted them, as for an operator on its own).
 *
 * @param inner the stateful operator
 * @param inputWatermark the operator's watermark as a function of the global one (below a stream-stream join,
 *     the join's state watermarks)
 */
public record PropagatedWatermarkSpec(OperatorSpec inner, InputWatermark inputWatermark) implements OperatorSpec {
  @Override
  public Operator create() {
    return new PropagatedWatermarkOperator(inner.create(), inputWatermark);
  }

  @Override
  public int numInputs() {
    return inner.numInputs();
  }

  @Override
  public boolean readsInputsInOrder() {
    return inner.readsInputsInOrder();
  }

  @Override
  public boolean isStateful() {
    return inner.isStateful();
  }

  @Override
  public StructType outputSchema() {
    return inner.outputSchema();
  }

  /** The inner operator's line with its watermark, for example {@code ... [watermark: W - 10000000 of the previous epoch]}. */
  @Override
  public String explain() {
    return inner.explain() + " [lateness by " + inputWatermark.describe() + " of the previous epoch, eviction by "
        + inputWatermark.describe() + " of the epoch]";
  }
}
