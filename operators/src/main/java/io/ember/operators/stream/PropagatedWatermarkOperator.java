package io.ember.operators.stream;

import io.ember.core.data.Batch;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;

/** Runs a {@link PropagatedWatermarkSpec}: the inner operator hears each watermark at the end of its epoch. */
final class PropagatedWatermarkOperator implements Operator {
  private final Operator inner;
  private final InputWatermark inputWatermark;
  private boolean held;
  private long heldWatermark;

  PropagatedWatermarkOperator(Operator inner, InputWatermark inputWatermark) {
    this.inner = inner;
    this.inputWatermark = inputWatermark;
  }

  @Override
  public void open(OperatorContext context) {
    inner.open(context);
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    inner.process(input, batch, out);
  }

  @Override
  public void endOfInput(int input, Output out) {
    inner.endOfInput(input, out);
  }

  /** The inner operator ends the epoch, then hears the watermark that holds for it, if it advanced. */
  @Override
  public void endOfEpoch(long epoch, Output out) {
    inner.endOfEpoch(epoch, out);
    if (held) {
      held = false;
      inner.onWatermark(inputWatermark.of(heldWatermark), out);
    }
  }

  /** Holds {@code watermarkMicros} back until the end of the epoch it holds for. */
  @Override
  public void onWatermark(long watermarkMicros, Output out) {
    held = true;
    heldWatermark = watermarkMicros;
  }

  @Override
  public StateMetrics stateMetrics() {
    return inner.stateMetrics();
  }

  @Override
  public byte[] snapshot(long epoch) {
    return inner.snapshot(epoch);
  }

  @Override
  public void restore(byte[] snapshot) {
    held = false;
    inner.restore(snapshot);
  }

  @Override
  public void close() {
    inner.close();
  }
}
