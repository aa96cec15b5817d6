package io.ember.runtime;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An unbounded test stream of {@code (k int, v bigint, e bigint)} rows: values the test adds to a partition's
 * queue come out as rows {@code (v % keys, v, e)}, where {@code e} is the epoch the reader is in when it emits
 * the row (it starts at the first epoch and moves on at every {@code snapshotOffsets}), so a sink can check
 * that each row is committed in the epoch it was read in. After {@link #end()} readers end once their queues
 * are empty. With {@link #perEpochLimit} a reader emits at most that many rows per epoch and holds the rest
 * back for the next epoch ({@link SourceReader.Status#WAITING_FOR_EPOCH}), as {@code maxFilesPerTrigger} does.
 */
final class QueueSource implements Source {
  static final StructType KVE = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("v", DataTypes.LONG), DataTypes.field("e", DataTypes.LONG));

  record Partition(String splitId, int index) implements SourceSplit {}

  private final List<ConcurrentLinkedQueue<Long>> queues = new ArrayList<>();
  private final int keys;
  private final long firstEpoch;
  private volatile boolean ended;
  private volatile long perEpochLimit = Long.MAX_VALUE;
  final AtomicInteger snapshots = new AtomicInteger();
  /** Completes with the epoch of the first barrier a reader of this source passed. */
  final java.util.concurrent.CompletableFuture<Long> firstBarrier = new java.util.concurrent.CompletableFuture<>();
  final AtomicInteger closedReaders = new AtomicInteger();

  QueueSource(int partitions, int keys, long firstEpoch) {
    for (int p = 0; p < partitions; p++) {
      queues.add(new ConcurrentLinkedQueue<>());
    }
    this.keys = keys;
    this.firstEpoch = firstEpoch;
  }

  /** Makes values {@code [from, from + count)} available on {@code partition}. */
  void add(int partition, long from, int count) {
    for (long v = from; v < from + count; v++) {
      queues.get(partition).add(v);
    }
  }

  /** Spreads values {@code [from, from + count)} round-robin over the partitions. */
  void addSpread(long from, int count) {
    for (long v = from; v < from + count; v++) {
      queues.get((int) (v % queues.size())).add(v);
    }
  }

  /** Each reader emits at most {@code rows} rows per epoch; set before the job starts. */
  QueueSource perEpochLimit(long rows) {
    perEpochLimit = rows;
    return this;
  }

  /** The stream ends once everything added is read. */
  void end() {
    ended = true;
  }

  @Override
  public StructType schema() {
    return KVE;
  }

  @Override
  public boolean isBounded() {
    return false;
  }

  @Override
  public int fixedParallelism() {
    return queues.size();
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    List<SourceSplit> splits = new ArrayList<>();
    for (int p = 0; p < queues.size(); p++) {
      splits.add(new Partition("partition-" + p, p));
    }
    return splits;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<ConcurrentLinkedQueue<Long>> mine = new ArrayList<>();
    for (SourceSplit s : splits) {
      mine.add(queues.get(((Partition) s).index()));
    }
    return new SourceReader() {
      long epoch = firstEpoch;
      long emitted;
      long emittedThisEpoch;

      @Override
      public Status pollNext(Consumer<Batch> out) {
        long room = perEpochLimit - emittedThisEpoch;
        if (room <= 0) {
          boolean waiting = mine.stream().anyMatch(q -> !q.isEmpty());
          return waiting ? Status.WAITING_FOR_EPOCH : ended ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
        }
        List<Row> rows = new ArrayList<>();
        for (ConcurrentLinkedQueue<Long> q : mine) {
          Long v;
          while (rows.size() < Math.min(context.batchSize(), room) && (v = q.poll()) != null) {
            rows.add(Row.of((int) (v % keys), v, epoch));
          }
        }
        if (!rows.isEmpty()) {
          emitted += rows.size();
          emittedThisEpoch += rows.size();
          out.accept(Batch.fromRows(KVE, rows));
          return Status.MORE_AVAILABLE;
        }
        return ended ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
      }

      @Override
      public byte[] snapshotOffsets(long atEpoch) {
        snapshots.incrementAndGet();
        firstBarrier.complete(atEpoch);
        epoch = atEpoch + 1;
        emittedThisEpoch = 0;
        return ByteBuffer.allocate(8).putLong(emitted).array();
      }

      @Override
      public void restoreOffsets(byte[] offsets) {
        emitted = ByteBuffer.wrap(offsets).getLong();
      }

      @Override
      public String describeOffsets() {
        return "{\"rows\":" + emitted + "}";
      }

      @Override
      public void close() {
        closedReaders.incrementAndGet();
      }
    };
  }

  @Override
  public String explain() {
    return "QueueSource";
  }
}
