package io.ember.runtime;

import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import io.ember.operators.EventTimeTracker;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import java.util.List;

/** Operators for streaming runtime tests, on {@link QueueSource#KVE} rows. */
final class StreamOperators {
  private StreamOperators() {}

  /** Passes batches through. */
  record PassSpec() implements OperatorSpec {
    @Override
    public Operator create() {
      return (input, batch, out) -> out.emit(batch);
    }

    @Override
    public StructType outputSchema() {
      return QueueSource.KVE;
    }

    @Override
    public String explain() {
      return "Pass";
    }
  }

  /**
   * {@code withWatermark(v, delay)}: passes rows through and tracks column {@code v} as event time (µs).
   * Reports one state metric row per instance so that state metrics summing is visible.
   */
  record WatermarkSpec(int id, long delayMicros) implements OperatorSpec {
    @Override
    public Operator create() {
      return new Tracker(id, delayMicros);
    }

    @Override
    public StructType outputSchema() {
      return QueueSource.KVE;
    }

    @Override
    public String explain() {
      return "Watermark(" + id + ")";
    }
  }

  private static final class Tracker implements Operator, EventTimeTracker {
    private final int id;
    private final long delay;
    private long max = Long.MIN_VALUE;
    private EventTimeStats stats = EventTimeStats.EMPTY;

    Tracker(int id, long delay) {
      this.id = id;
      this.delay = delay;
    }

    @Override
    public void process(int input, Batch batch, Output out) {
      LongVector v = (LongVector) batch.column(1);
      for (int r = 0; r < batch.numRows(); r++) {
        long t = v.getLong(r);
        max = Math.max(max, t);
        stats = stats.merge(new EventTimeStats(1, t, t, t));
      }
      out.emit(batch);
    }

    @Override
    public int watermarkId() {
      return id;
    }

    @Override
    public long candidateWatermarkMicros() {
      return max == Long.MIN_VALUE ? Long.MIN_VALUE : max - delay;
    }

    @Override
    public EventTimeStats takeEpochStats() {
      EventTimeStats s = stats;
      stats = EventTimeStats.EMPTY;
      return s;
    }

    @Override
    public StateMetrics stateMetrics() {
      return new StateMetrics("tracker", 1, 0, 0, 0, 8);
    }
  }

  /**
   * Passes rows through; records every watermark it hears in {@code watermarks} and emits a marker row
   * {@code (-1, watermark, -1)} for it. {@code stateful} says whether the spec claims event-time state.
   */
  record ProbeSpec(boolean stateful, List<Long> watermarks) implements OperatorSpec {
    @Override
    public Operator create() {
      return new Operator() {
        @Override
        public void process(int input, Batch batch, Output out) {
          out.emit(batch);
        }

        @Override
        public void onWatermark(long watermarkMicros, Output out) {
          watermarks.add(watermarkMicros);
          out.emit(Batch.fromRows(QueueSource.KVE, List.of(Row.of(-1, watermarkMicros, -1L))));
        }
      };
    }

    @Override
    public boolean isStateful() {
      return stateful;
    }

    @Override
    public StructType outputSchema() {
      return QueueSource.KVE;
    }

    @Override
    public String explain() {
      return "Probe";
    }
  }

  /** A two-input union whose inputs are read interleaved (as a stream-stream join reads them). */
  record InterleavedUnionSpec() implements OperatorSpec {
    @Override
    public int numInputs() {
      return 2;
    }

    @Override
    public boolean readsInputsInOrder() {
      return false;
    }

    @Override
    public Operator create() {
      return (input, batch, out) -> out.emit(batch);
    }

    @Override
    public StructType outputSchema() {
      return QueueSource.KVE;
    }

    @Override
    public String explain() {
      return "InterleavedUnion";
    }
  }
}
