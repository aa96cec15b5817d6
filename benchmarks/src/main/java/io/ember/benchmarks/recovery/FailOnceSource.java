package io.ember.benchmarks.recovery;

import io.ember.connectors.source.ForwardingSourceReader;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A replayable stream whose reader fails its task once per {@link #arm()}: the next poll after it throws. The
 * benchmark's way to cause a task failure in a running query; the query recovers from it.
 */
final class FailOnceSource implements UnboundedSource {
  private final UnboundedSource inner;
  private final AtomicBoolean armed = new AtomicBoolean();

  FailOnceSource(UnboundedSource inner) {
    this.inner = inner;
  }

  /** The next poll of a reader of this source fails. */
  void arm() {
    armed.set(true);
  }

  @Override
  public StructType schema() {
    return inner.schema();
  }

  @Override
  public boolean isBounded() {
    return false;
  }

  @Override
  public boolean isReplayable() {
    return inner.isReplayable();
  }

  @Override
  public int fixedParallelism() {
    return inner.fixedParallelism();
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return inner.planSplits(parallelismHint);
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new ForwardingSourceReader(inner.createReader(splits, context)) {
      @Override
      public Status pollNext(Consumer<Batch> out) {
        if (armed.compareAndSet(true, false)) {
          throw new IllegalStateException("Failure injected by the recovery benchmark");
        }
        return delegate.pollNext(out);
      }
    };
  }

  @Override
  public Source availableNow() {
    return inner.availableNow();
  }

  @Override
  public String explain() {
    return "FailOnce(" + inner.explain() + ")";
  }
}
