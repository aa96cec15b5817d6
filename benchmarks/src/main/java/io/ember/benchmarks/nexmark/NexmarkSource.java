package io.ember.benchmarks.nexmark;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.SupportsPushdown;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Nexmark stream ({@link NexmarkStream}) of the first {@code events} events of {@link NexmarkGenerator}, as an
 * Ember source: {@code partitions} reader partitions, partition {@code p} reading the cycles congruent to {@code p}
 * ({@link NexmarkStream#eventId}); every poll emits a full batch (as fast as the query takes them). Times are
 * {@code timestamp} columns (the generator's ms, as µs). Replayable: a partition's offset is the ordinal of its next
 * event. Unbounded as a stream source (after the last event its readers report nothing available); with
 * {@code Trigger.AvailableNow} the query reads the {@link #availableNow} view, which ends after the last event.
 *
 * <p>Supports pushdown: told the columns a query reads ({@link #withColumns}), its readers write only those (the
 * generator still makes whole events: its draws must stay in sequence); given filters ({@link #withFilters}), they
 * evaluate them on the filters' columns of each batch of events first and write the other columns only for the
 * events that pass. A batch no event of passes is not emitted. Offsets count events read, passing or not.
 */
public final class NexmarkSource implements UnboundedSource, SupportsPushdown {
  private final NexmarkStream stream;
  private final long events;
  private final int partitions;
  private final long seed;
  private final long interEventDelayMicros;
  private final boolean bounded;
  /** The stream's columns this source reads ({@link NexmarkStream#columns} indices), in its schema's order. */
  private final int[] columns;
  /** Filters bound to the stream's whole schema ({@link NexmarkStream#schema}). */
  private final List<Expression> filters;

  /**
   * @param stream which events
   * @param events the length of the whole event sequence (all kinds)
   * @param partitions the reader partitions
   * @param seed the generator's seed
   * @param interEventDelayMicros the generator's event-time step
   */
  public NexmarkSource(NexmarkStream stream, long events, int partitions, long seed, long interEventDelayMicros) {
    this(stream, events, partitions, seed, interEventDelayMicros, false, allColumns(stream), List.of());
  }

  private NexmarkSource(NexmarkStream stream, long events, int partitions, long seed, long interEventDelayMicros,
      boolean bounded, int[] columns, List<Expression> filters) {
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
    this.columns = columns;
    this.filters = List.copyOf(filters);
  }

  private static int[] allColumns(NexmarkStream stream) {
    int[] all = new int[stream.columns().size()];
    Arrays.setAll(all, i -> i);
    return all;
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
    return stream.schema().select(columns);
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
    return new NexmarkSource(stream, events, partitions, seed, interEventDelayMicros, true, columns, filters);
  }

  @Override
  public NexmarkSource withColumns(int[] columnIndices) {
    int[] picked = new int[columnIndices.length];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = columns[columnIndices[i]];
    }
    return new NexmarkSource(stream, events, partitions, seed, interEventDelayMicros, bounded, picked, filters);
  }

  /** Filters bound to {@link #schema()} are rebound to the stream's whole schema, so later projections keep them. */
  @Override
  public NexmarkSource withFilters(List<Expression> newFilters) {
    List<Expression> all = new ArrayList<>(filters);
    for (Expression f : newFilters) {
      all.add(ColumnRefs.remap(f, columns));
    }
    return new NexmarkSource(stream, events, partitions, seed, interEventDelayMicros, bounded, columns, all);
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
    return new Reader(mine, Math.max(1, context.batchSize()), context.eval());
  }

  /**
   * Equal when both make the same rows: the same stream of the same event sequence (length, partitions, seed, delay),
   * bounded or not, with the same columns and filters pushed. So the two reads of one DataFrame that a query makes
   * (Nexmark q5's window counts, read by both sides of its join) stay one shared sub-plan after the planner pushed
   * each read's columns and filters into its own copy of the source.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof NexmarkSource other && stream == other.stream && events == other.events
        && partitions == other.partitions && seed == other.seed
        && interEventDelayMicros == other.interEventDelayMicros && bounded == other.bounded
        && Arrays.equals(columns, other.columns) && filters.equals(other.filters);
  }

  @Override
  public int hashCode() {
    return ((stream.hashCode() * 31 + Long.hashCode(events)) * 31 + Long.hashCode(seed)) * 31
        + Arrays.hashCode(columns);
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("Nexmark(").append(stream.tableName()).append(", events=").append(events)
        .append(", partitions=").append(partitions).append(", seed=").append(seed).append(", interEventDelayMicros=")
        .append(interEventDelayMicros).append(") schema=").append(schema().simpleString());
    if (!filters.isEmpty()) {
      sb.append(" filters=[");
      for (int i = 0; i < filters.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(filters.get(i).sql());
      }
      sb.append(']');
    }
    return sb.toString();
  }

  /** Events made and written together: few enough to stay in the cache (a chunk of auctions is ~170 KB). */
  private static final int CHUNK = 256;

  private final class Reader implements SourceReader {
    private final NexmarkGenerator generator = new NexmarkGenerator(seed, interEventDelayMicros);
    private final List<Split> splits;
    private final long[] next;
    private final long[] count;
    private final int batchSize;
    private final StructType schema = NexmarkSource.this.schema();
    private final EvalContext eval;
    /** The output columns, and (with filters) the filters' columns, written from one batch of events. */
    private final NexmarkColumns output;
    private final NexmarkColumns filterColumns;
    private final StructType filterSchema;
    /** The filters bound to {@link #filterSchema}. */
    private final List<Expression> boundFilters;
    /** One chunk of events, reused. */
    private final Record[] chunk;
    /** 0, 1, 2, ...: every event of a chunk. */
    private final int[] allRows;
    private int turn;

    Reader(List<Split> splits, int batchSize, EvalContext eval) {
      this.splits = splits;
      this.batchSize = batchSize;
      this.eval = eval;
      this.next = new long[splits.size()];
      this.count = new long[splits.size()];
      for (int k = 0; k < count.length; k++) {
        count[k] = stream.countIn(events, splits.get(k).partition(), partitions);
      }
      this.output = new NexmarkColumns(stream, columns);
      int[] filterCols = ColumnRefs.references(filters).stream().toArray();
      int[] position = new int[stream.columns().size()];
      for (int i = 0; i < filterCols.length; i++) {
        position[filterCols[i]] = i;
      }
      this.filterColumns = new NexmarkColumns(stream, filterCols);
      this.filterSchema = stream.schema().select(filterCols);
      this.boundFilters = filters.stream().map(f -> ColumnRefs.remap(f, position)).toList();
      this.chunk = new Record[Math.min(batchSize, CHUNK)];
      this.allRows = new int[chunk.length];
      Arrays.setAll(allRows, i -> i);
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      for (int k = 0; k < splits.size(); k++) {
        int s = (turn + k) % splits.size();
        if (next[s] >= count[s]) {
          continue;
        }
        int n = (int) Math.min(batchSize, count[s] - next[s]);
        Batch b = batch(splits.get(s).partition(), next[s], n);
        if (b != null) {
          out.accept(b);
        }
        next[s] += n;
        turn = (s + 1) % splits.size();
        return Status.MORE_AVAILABLE;
      }
      return bounded ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
    }

    /**
     * The batch of the partition's events {@code first .. first + n - 1} that pass the filters, or null if none.
     * Events are made and written a chunk at a time, so the columns are written while the chunk is in the cache.
     */
    private Batch batch(int partition, long first, int n) {
      NexmarkSpan.eventsRead();
      output.start(n);
      for (int from = 0; from < n; from += chunk.length) {
        int m = Math.min(chunk.length, n - from);
        for (int r = 0; r < m; r++) {
          chunk[r] = stream.event(generator, stream.eventId(first + from + r, partition, partitions));
        }
        if (boundFilters.isEmpty()) {
          output.append(chunk, allRows, m);
        } else {
          int[] rows = passing(m);
          output.append(chunk, rows, rows.length);
        }
      }
      int rows = output.size();
      ColumnVector[] cols = output.finish();
      return rows == 0 ? null : new Batch(schema, cols, rows);
    }

    /** The rows of the chunk's first {@code n} events that every filter holds for (true, not null). */
    private int[] passing(int n) {
      filterColumns.start(n);
      filterColumns.append(chunk, allRows, n);
      Batch batch = new Batch(filterSchema, filterColumns.finish(), n);
      boolean[] keep = new boolean[n];
      Arrays.fill(keep, true);
      for (Expression f : boundFilters) {
        BooleanVector v = (BooleanVector) f.evaluate(batch, eval);
        for (int r = 0; r < n; r++) {
          keep[r] &= !v.isNull(r) && v.getBoolean(r);
        }
      }
      int k = 0;
      int[] rows = new int[n];
      for (int r = 0; r < n; r++) {
        if (keep[r]) {
          rows[k++] = r;
        }
      }
      return Arrays.copyOf(rows, k);
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
