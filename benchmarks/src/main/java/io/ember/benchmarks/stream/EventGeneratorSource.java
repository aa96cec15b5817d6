package io.ember.benchmarks.stream;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The stream workloads' generator on Ember: events {@code 0 .. events-1} of {@link StreamEvents}, read by
 * {@code partitions} reader tasks, partition {@code p} emitting the indices congruent to {@code p} (in order).
 * Replayable (the offset of a partition is its next index).
 *
 * <p>Two modes. Unthrottled ({@code rowsPerSecond == 0}): every poll emits a full batch, the event time is
 * {@link StreamEvents#ts}; for throughput. Throttled: event {@code i} is due {@code i / rowsPerSecond} seconds after
 * the job planned its splits and is emitted at the first poll after that, its {@code ts} being that due time
 * (wall clock, µs); for latency, measured from {@code ts} to the sink.
 *
 * <p>Unbounded, as a stream source: after the last event its readers report nothing available. With
 * {@code Trigger.AvailableNow} the query reads the {@link #availableNow} view, which ends after the last event,
 * so the query ends when all events went through.
 */
public final class EventGeneratorSource implements UnboundedSource {
  /** {@code ts timestamp, auction bigint, price bigint}. */
  public static final StructType SCHEMA = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("auction", DataTypes.LONG), DataTypes.field("price", DataTypes.LONG));

  private final long events;
  private final int partitions;
  private final long rowsPerSecond;
  private final boolean bounded;

  /**
   * @param events how many events
   * @param partitions the reader tasks
   * @param rowsPerSecond the rate over all partitions, or 0 for as fast as the query takes them
   */
  public EventGeneratorSource(long events, int partitions, long rowsPerSecond) {
    this(events, partitions, rowsPerSecond, false);
  }

  private EventGeneratorSource(long events, int partitions, long rowsPerSecond, boolean bounded) {
    if (events <= 0 || partitions <= 0 || rowsPerSecond < 0) {
      throw new IllegalArgumentException("events and partitions must be positive, rowsPerSecond not negative");
    }
    this.events = events;
    this.partitions = partitions;
    this.rowsPerSecond = rowsPerSecond;
    this.bounded = bounded;
  }

  /** A split: one partition, and the start (µs since 1970) its due times count from. */
  public record Split(int partition, long startMicros) implements SourceSplit {
    @Override
    public String splitId() {
      return "events-" + partition;
    }
  }

  @Override
  public StructType schema() {
    return SCHEMA;
  }

  @Override
  public boolean isBounded() {
    return bounded;
  }

  @Override
  public int fixedParallelism() {
    return partitions;
  }

  @Override
  public Source availableNow() {
    return new EventGeneratorSource(events, partitions, rowsPerSecond, true);
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    long start = nowMicros();
    List<SourceSplit> out = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      out.add(new Split(p, start));
    }
    return out;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Split> mine = new ArrayList<>();
    for (SourceSplit s : splits) {
      mine.add((Split) s);
    }
    return new Reader(mine, Math.max(1, context.batchSize()));
  }

  @Override
  public String explain() {
    return "EventGenerator(events=" + events + ", partitions=" + partitions
        + (rowsPerSecond > 0 ? ", rowsPerSecond=" + rowsPerSecond : "") + ") schema=" + SCHEMA.simpleString();
  }

  /** Wall-clock µs since 1970. */
  public static long nowMicros() {
    return LatencyRecorder.nowMicros();
  }

  private final class Reader implements SourceReader {
    private final List<Split> splits;
    private final long[] next;
    private final int batchSize;
    private int turn;

    Reader(List<Split> splits, int batchSize) {
      this.splits = splits;
      this.batchSize = batchSize;
      this.next = new long[splits.size()];
      for (int k = 0; k < next.length; k++) {
        next[k] = splits.get(k).partition();
      }
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      boolean left = false;
      long now = rowsPerSecond > 0 ? nowMicros() : 0;
      for (int k = 0; k < splits.size(); k++) {
        int s = (turn + k) % splits.size();
        if (next[s] >= events) {
          continue;
        }
        left = true;
        long limit = events;
        if (rowsPerSecond > 0) {
          long elapsed = Math.max(0, now - splits.get(s).startMicros());
          limit = Math.min(events, elapsed * rowsPerSecond / 1_000_000 + 1); // event i is due at i / rate s
        }
        if (next[s] >= limit) {
          continue;
        }
        int n = (int) Math.min(batchSize, (limit - next[s] + partitions - 1) / partitions);
        out.accept(batch(splits.get(s).startMicros(), next[s], n));
        next[s] += (long) n * partitions;
        turn = (s + 1) % splits.size();
        return Status.MORE_AVAILABLE;
      }
      return !left && bounded ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
    }

    private Batch batch(long startMicros, long first, int n) {
      long[] ts = new long[n];
      long[] auction = new long[n];
      long[] price = new long[n];
      for (int r = 0; r < n; r++) {
        long i = first + (long) r * partitions;
        ts[r] = rowsPerSecond > 0 ? startMicros + i * 1_000_000 / rowsPerSecond : StreamEvents.ts(i);
        auction[r] = StreamEvents.auction(i);
        price[r] = StreamEvents.price(i);
      }
      return new Batch(SCHEMA, new ColumnVector[] {new LongVector(DataTypes.TIMESTAMP, ts, null, n),
          new LongVector(DataTypes.LONG, auction, null, n), new LongVector(DataTypes.LONG, price, null, n)}, n);
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      ByteBuffer buf = ByteBuffer.allocate(next.length * 8);
      for (long v : next) {
        buf.putLong(v);
      }
      return buf.array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      ByteBuffer buf = ByteBuffer.wrap(offsets);
      for (int k = 0; k < next.length; k++) {
        next[k] = buf.getLong();
      }
    }

    @Override
    public String describeOffsets() {
      long least = Long.MAX_VALUE;
      for (long v : next) {
        least = Math.min(least, v);
      }
      return Long.toString(Math.min(least, events));
    }

    @Override
    public void close() {}
  }
}
