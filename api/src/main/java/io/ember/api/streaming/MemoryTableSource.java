package io.ember.api.streaming;

import io.ember.connectors.memory.MemoryTableSink;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The table of a memory-sink query as a batch source: each job reading it sees the rows the sink held when the
 * job planned its splits (one split carries that snapshot), as Spark's {@code spark.table(queryName)} does.
 */
final class MemoryTableSource implements Source {
  private final MemoryTableSink sink;

  MemoryTableSource(MemoryTableSink sink) {
    this.sink = sink;
  }

  /** The sink's batches when the job was planned. */
  record Snapshot(List<Batch> batches) implements SourceSplit {
    Snapshot {
      batches = List.copyOf(batches);
    }

    @Override
    public String splitId() {
      return "memory-table";
    }
  }

  @Override
  public StructType schema() {
    return sink.schema();
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  @Override
  public int fixedParallelism() {
    return 1;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return List.of(new Snapshot(sink.batches()));
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Batch> batches = new ArrayList<>();
    for (SourceSplit s : splits) {
      batches.addAll(((Snapshot) s).batches());
    }
    return new Reader(batches);
  }

  @Override
  public String explain() {
    return "MemoryTable " + sink.name() + " schema=" + sink.schema().simpleString();
  }

  /** Emits the snapshot's batches in order; the offset is the next batch's index. */
  private final class Reader implements SourceReader {
    private final List<Batch> batches;
    private int next;

    Reader(List<Batch> batches) {
      this.batches = batches;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      if (next >= batches.size()) {
        return Status.END_OF_INPUT;
      }
      Batch b = batches.get(next++);
      out.accept(b.schema().equals(sink.schema()) ? b : b.withSchema(sink.schema()));
      return next < batches.size() ? Status.MORE_AVAILABLE : Status.END_OF_INPUT;
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      return ByteBuffer.allocate(Integer.BYTES).putInt(next).array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      next = ByteBuffer.wrap(offsets).getInt();
    }

    @Override
    public void close() {}
  }
}
