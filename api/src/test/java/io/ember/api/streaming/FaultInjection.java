package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.source.ForwardingSourceReader;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fault injection for end-to-end streaming queries: {@link #failing} turns a replayable source into one whose
 * readers fail (throw {@link InjectedFault}) when the rows all its readers emitted so far, over every recovery,
 * reach one of the {@link Faults}' thresholds; each threshold fires once. A failing reader fails its source task,
 * which the query recovers from: the task is started anew from its last complete epoch and every other task rolls
 * back to it. Compare the sink's output with a failure-free run of the same input.
 */
final class FaultInjection {
  private FaultInjection() {}

  /** The exception a reader throws when a fault fires. */
  static final class InjectedFault extends RuntimeException {
    InjectedFault(String message) {
      super(message);
    }
  }

  /**
   * When readers fail: at the given thresholds of rows emitted (over all readers and recoveries); thread-safe.
   */
  static final class Faults {
    private final TreeSet<Long> thresholds;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicInteger fired = new AtomicInteger();

    /** Faults at exactly these row counts. */
    Faults(List<Long> thresholds) {
      this.thresholds = new TreeSet<>(thresholds);
    }

    /** {@code count} faults at row counts drawn from {@code [1, maxRows)} with {@code seed}. */
    static Faults random(long seed, int count, long maxRows) {
      Random random = new Random(seed);
      List<Long> at = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        at.add(1 + (long) (random.nextDouble() * (maxRows - 1)));
      }
      return new Faults(at);
    }

    /** How many faults fired. */
    int fired() {
      return fired.get();
    }

    /** True, once, when the rows emitted so far passed the next threshold. */
    private synchronized boolean due() {
      Long next = thresholds.isEmpty() ? null : thresholds.first();
      if (next != null && emitted.get() >= next) {
        thresholds.pollFirst();
        fired.incrementAndGet();
        return true;
      }
      return false;
    }
  }

  /** A streaming DataFrame over {@code source} whose readers fail as {@code faults} says. */
  static DataFrame failing(Session session, UnboundedSource source, Faults faults) {
    return session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), new Failing(source, faults)));
  }

  /** {@code inner} with readers that fail as {@code faults} says. */
  private record Failing(UnboundedSource inner, Faults faults) implements UnboundedSource {
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
          if (faults.due()) {
            throw new InjectedFault("Injected fault after " + faults.emitted.get() + " rows");
          }
          return delegate.pollNext(batch -> {
            faults.emitted.addAndGet(batch.numRows());
            out.accept(batch);
          });
        }
      };
    }

    @Override
    public Source availableNow() {
      return inner.availableNow();
    }

    @Override
    public String explain() {
      return "Failing(" + inner.explain() + ")";
    }
  }
}
