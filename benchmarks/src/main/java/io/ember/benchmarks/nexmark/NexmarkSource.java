package io.ember.benchmarks.nexmark;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Nexmark stream ({@link NexmarkStream}) of the first {@code events} events of {@link NexmarkGenerator}, as an
 * Ember source: {@code partitions} reader partitions, partition {@code p} reading the cycles congruent to {@code p}
 * ({@link NexmarkStream#eventId}); every poll emits a full batch (as fast as the query takes them). Times are
 * {@code timestamp} columns (the generator's ms, as µs). Replayable: a partition's offset is the ordinal of its next
 * event. Unbounded as a stream source (after the last event its readers report nothing available); with
 * {@code Trigger.AvailableNow} the query reads the {@link #availableNow} view, which ends after the last event.
 */
public final class NexmarkSource implements UnboundedSource {
  private final NexmarkStream stream;
  private final long events;
  private final int partitions;
  private final long seed;
  private final long interEventDelayMicros;
  private final boolean bounded;

  /**
   * @param stream which events
   * @param events the length of the whole event sequence (all kinds)
   * @param partitions the reader partitions
   * @param seed the generator's seed
   * @param interEventDelayMicros the generator's event-time step
   */
  public NexmarkSource(NexmarkStream stream, long events, int partitions, long seed, long interEventDelayMicros) {
    this(stream, events, partitions, seed, interEventDelayMicros, false);
  }

  private NexmarkSource(NexmarkStream stream, long events, int partitions, long seed, long interEventDelayMicros,
      boolean bounded) {
    if (events <= 0 || partitions <= 0) {
      throw new IllegalArgumentException("events and partitions must be positive");
    }
    new NexmarkGenerator(seed, interEventDelayMicros); // validates the delay
    this.stream = stream;
    this.events = events;
    this.partitions = partitions;
    this.seed = seed;
    this.interEventDelayMicros = interEventDelayMicros;
    this.bounded = bounded;
  }

  /** A split: one reader partition. */
  public record Split(NexmarkStream stream, int partition) implements SourceSplit {
    @Override
    public String splitId() {
      return "nexmark-" + stream.tableName() + "-" + partition;
    }
  }

  @Override
  public StructType schema() {
    return stream.schema();
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
    return new NexmarkSource(stream, events, partitions, seed, interEventDelayMicros, true);
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    List<SourceSplit> out = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      out.add(new Split(stream, p));
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
    return "Nexmark(" + stream.tableName() + ", events=" + events + ", partitions=" + partitions + ", seed=" + seed
        + ", interEventDelayMicros=" + interEventDelayMicros + ") schema=" + schema().simpleString();
  }

  private final class Reader implements SourceReader {
    private final NexmarkGenerator generator = new NexmarkGenerator(seed, interEventDelayMicros);
    private final List<Split> splits;
    private final long[] next;
    private final long[] count;
    private final int batchSize;
    private final StructType schema = stream.schema();
    /** Per column: 0 a long, 1 a time (the generator's ms to µs), 2 a string; decided once, not per value. */
    private final int[] kinds = new int[schema.fields().size()];
    private int turn;

    Reader(List<Split> splits, int batchSize) {
      this.splits = splits;
      this.batchSize = batchSize;
      this.next = new long[splits.size()];
      this.count = new long[splits.size()];
      for (int c = 0; c < kinds.length; c++) {
        DataType type = schema.fields().get(c).dataType();
        kinds[c] = type.equals(DataTypes.STRING) ? 2 : type.equals(DataTypes.TIMESTAMP) ? 1 : 0;
      }
      for (int k = 0; k < count.length; k++) {
        count[k] = stream.countIn(events, splits.get(k).partition(), partitions);
      }
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      for (int k = 0; k < splits.size(); k++) {
        int s = (turn + k) % splits.size();
        if (next[s] >= count[s]) {
          continue;
        }
        int n = (int) Math.min(batchSize, count[s] - next[s]);
        out.accept(batch(splits.get(s).partition(), next[s], n));
        next[s] += n;
        turn = (s + 1) % splits.size();
        return Status.MORE_AVAILABLE;
      }
      return bounded ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
    }

    private Batch batch(int partition, long first, int n) {
      NexmarkSpan.eventsRead();
      int width = kinds.length;
      long[][] longs = new long[width][];
      VectorBuilder.Strings[] strings = new VectorBuilder.Strings[width];
      for (int c = 0; c < width; c++) {
        if (kinds[c] == 2) {
          strings[c] = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
        } else {
          longs[c] = new long[n];
        }
      }
      for (int r = 0; r < n; r++) {
        Object[] v = stream.values(generator, stream.eventId(first + r, partition, partitions));
        for (int c = 0; c < width; c++) {
          if (kinds[c] == 2) {
            strings[c].appendString((String) v[c]);
          } else {
            long x = (Long) v[c];
            longs[c][r] = kinds[c] == 1 ? x * 1000 : x;
          }
        }
      }
      ColumnVector[] cols = new ColumnVector[width];
      for (int c = 0; c < width; c++) {
        DataType type = schema.fields().get(c).dataType();
        cols[c] = strings[c] != null ? strings[c].build() : new LongVector(type, longs[c], null, n);
      }
      return new Batch(schema, cols, n);
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
      long done = 0;
      for (long v : next) {
        done += v;
      }
      return Long.toString(done);
    }

    @Override
    public void close() {}
  }
}
