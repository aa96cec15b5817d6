package io.ember.runtime;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Sources for runtime tests: batches of {@code (k int, v bigint)} rows held in memory. */
final class TestSources {
  static final StructType KV = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("v", DataTypes.LONG));

  private TestSources() {}

  /** A batch of rows {@code (keyOf(v), v)} for {@code v} in {@code [from, from + count)}. */
  static Batch kv(long from, int count, int keyModulo) {
    List<Row> rows = new ArrayList<>();
    for (long v = from; v < from + count; v++) {
      rows.add(Row.of((int) (v % keyModulo), v));
    }
    return Batch.fromRows(KV, rows);
  }

  record ListSplit(String splitId, List<Batch> batches) implements SourceSplit {}

  /**
   * A bounded source of {@code splits} splits, split {@code s} holding {@code batchesPerSplit} batches of
   * {@code rowsPerBatch} rows; values are numbered 0.. over all splits, keys are {@code v % keyModulo}.
   * Its readers answer NOTHING_AVAILABLE {@code idlePolls} times before each batch, count emitted batches
   * in {@link #inFlight} and closed readers in {@link #closedReaders}.
   */
  static final class ListSource implements Source {
    final List<SourceSplit> splits = new ArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger closedReaders = new AtomicInteger();
    final AtomicInteger createdReaders = new AtomicInteger();
    final int idlePolls;
    volatile RuntimeException failOnPoll;

    ListSource(int splitCount, int batchesPerSplit, int rowsPerBatch, int keyModulo, int idlePolls) {
      this.idlePolls = idlePolls;
      long v = 0;
      for (int s = 0; s < splitCount; s++) {
        List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < batchesPerSplit; b++) {
          batches.add(kv(v, rowsPerBatch, keyModulo));
          v += rowsPerBatch;
        }
        splits.add(new ListSplit("split-" + s, batches));
      }
    }

    /** Every row of every split. */
    List<Row> allRows() {
      List<Row> rows = new ArrayList<>();
      for (SourceSplit s : splits) {
        for (Batch b : ((ListSplit) s).batches()) {
          rows.addAll(b.toRows());
        }
      }
      return rows;
    }

    @Override
    public StructType schema() {
      return KV;
    }

    @Override
    public boolean isBounded() {
      return true;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return splits;
    }

    @Override
    public SourceReader createReader(List<SourceSplit> assigned, ReaderContext context) {
      createdReaders.incrementAndGet();
      List<Batch> queue = new ArrayList<>();
      for (SourceSplit s : assigned) {
        queue.addAll(((ListSplit) s).batches());
      }
      return new SourceReader() {
        int next;
        int idle;

        @Override
        public Status pollNext(Consumer<Batch> out) {
          if (failOnPoll != null) {
            throw failOnPoll;
          }
          if (next == queue.size()) {
            return Status.END_OF_INPUT;
          }
          if (idle++ < idlePolls) {
            return Status.NOTHING_AVAILABLE;
          }
          idle = 0;
          inFlight.incrementAndGet();
          out.accept(queue.get(next++));
          return next == queue.size() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
        }

        @Override
        public byte[] snapshotOffsets(long epoch) {
          return new byte[] {(byte) next};
        }

        @Override
        public void restoreOffsets(byte[] offsets) {
          next = offsets[0];
        }

        @Override
        public void close() {
          closedReaders.incrementAndGet();
        }
      };
    }

    @Override
    public String explain() {
      return "ListSource";
    }
  }
}
