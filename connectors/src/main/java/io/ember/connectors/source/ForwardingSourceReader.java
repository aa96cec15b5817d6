package io.ember.connectors.source;

import io.ember.core.data.Batch;
import java.util.function.Consumer;

/**
 * A reader that forwards every call to another, for a source wrapping another's readers to watch or change what they
 * emit (count rows, inject a fault, apply a projection): override {@link #pollNext} and leave offsets, replay and
 * closing to the wrapped reader. Called as {@link SourceReader} says: from one thread, never concurrently.
 */
public class ForwardingSourceReader implements SourceReader {
  /** The wrapped reader. */
  protected final SourceReader delegate;

  public ForwardingSourceReader(SourceReader delegate) {
    this.delegate = delegate;
  }

  @Override
  public Status pollNext(Consumer<Batch> out) {
    return delegate.pollNext(out);
  }

  @Override
  public byte[] snapshotOffsets(long epoch) {
    return delegate.snapshotOffsets(epoch);
  }

  @Override
  public void restoreOffsets(byte[] offsets) {
    delegate.restoreOffsets(offsets);
  }

  @Override
  public boolean replayUntil(byte[] endOffsets) {
    return delegate.replayUntil(endOffsets);
  }

  @Override
  public String describeOffsets() {
    return delegate.describeOffsets();
  }

  @Override
  public void refresh() {
    delegate.refresh();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
