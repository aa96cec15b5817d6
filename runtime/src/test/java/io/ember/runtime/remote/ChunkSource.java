package io.ember.runtime.remote;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A finite stream of {@code (k, v)} rows, one chunk per partition and epoch: in epoch {@code c} (counted from the
 * reader's start) partition {@code p} emits values {@code (c * partitions + p) * rows ... + rows - 1} with
 * {@code k = v % 7}, then holds back until the next barrier; after {@code chunks} chunks it ends. A plain value:
 * it can run on any node.
 */
record ChunkSource(int partitions, int chunks, int rows) implements Source {
  record Part(String splitId, int index) implements SourceSplit {}

  @Override
  public StructType schema() {
    return Plans.KV;
  }

  @Override
  public boolean isBounded() {
    return false;
  }

  @Override
  public int fixedParallelism() {
    return partitions;
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    List<SourceSplit> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      parts.add(new Part("part-" + p, p));
    }
    return parts;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new Reader(((Part) splits.get(0)).index());
  }

  @Override
  public String explain() {
    return "ChunkSource(" + partitions + " x " + chunks + " x " + rows + ")";
  }

  /** Every row the stream emits. */
  List<Row> allRows() {
    List<Row> out = new ArrayList<>();
    for (long v = 0; v < (long) partitions * chunks * rows; v++) {
      out.add(Row.of(v % 7, v));
    }
    return out;
  }

  private final class Reader implements SourceReader {
    private final int partition;
    private int chunk;
    private boolean emitted;

    Reader(int partition) {
      this.partition = partition;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      if (chunk == chunks) {
        return Status.END_OF_INPUT;
      }
      if (emitted) {
        return Status.WAITING_FOR_EPOCH;
      }
      List<Row> batch = new ArrayList<>();
      long first = ((long) chunk * partitions + partition) * rows;
      for (long v = first; v < first + rows; v++) {
        batch.add(Row.of(v % 7, v));
      }
      out.accept(Batch.fromRows(Plans.KV, batch));
      chunk++;
      emitted = true;
      return Status.MORE_AVAILABLE;
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      emitted = false;
      return ByteBuffer.allocate(4).putInt(chunk).array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      chunk = ByteBuffer.wrap(offsets).getInt();
    }

    @Override
    public void close() {}
  }
}
