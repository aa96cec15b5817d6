package io.ember.connectors.memory;

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
 * A bounded, replayable source over batches held in memory (what {@code createDataFrame} reads). The
 * batches are divided into contiguous {@link Split}s; a reader emits them in order, cut to at most
 * {@link ReaderContext#batchSize()} rows. Offsets are (split, batch index, row within the batch).
 */
public final class MemorySource implements Source {
  private final StructType schema;
  private final List<Batch> batches;

  public MemorySource(StructType schema, List<Batch> batches) {
    this.schema = schema;
    this.batches = List.copyOf(batches);
    for (Batch b : this.batches) {
      if (b.numColumns() != schema.size()) {
        throw new IllegalArgumentException("Batch " + b + " does not match the schema " + schema.simpleString());
      }
    }
  }

  /** A range {@code [fromBatch, toBatch)} of the source's batches. */
  public record Split(int index, int fromBatch, int toBatch) implements SourceSplit {
    @Override
    public String splitId() {
      return "memory-" + index;
    }
  }

  public List<Batch> batches() {
    return batches;
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public boolean isBounded() {
    return true;
  }

  /** At most {@code parallelismHint} splits of about equal batch counts (one empty split if there are no batches). */
  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    int n = Math.max(1, Math.min(Math.max(1, parallelismHint), batches.size()));
    List<SourceSplit> splits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = (int) ((long) batches.size() * i / n);
      int to = (int) ((long) batches.size() * (i + 1) / n);
      splits.add(new Split(i, from, to));
    }
    return splits;
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    List<Split> mine = new ArrayList<>(splits.size());
    for (SourceSplit s : splits) {
      mine.add((Split) s);
    }
    return new Reader(mine, Math.max(1, context.batchSize()));
  }

  @Override
  public String explain() {
    int rows = 0;
    for (Batch b : batches) {
      rows += b.numRows();
    }
    return "MemoryScan [" + batches.size() + " batches, " + rows + " rows] schema=" + schema.simpleString();
  }

  private final class Reader implements SourceReader {
    private static final byte VERSION = 1;
    private final List<Split> splits;
    private final int batchSize;
    private int split;
    private int batch;
    private int row;

    Reader(List<Split> splits, int batchSize) {
      this.splits = splits;
      this.batchSize = batchSize;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      while (split < splits.size()) {
        Split s = splits.get(split);
        int index = s.fromBatch() + batch;
        if (index >= s.toBatch()) {
          split++;
          batch = 0;
          row = 0;
          continue;
        }
        Batch b = batches.get(index);
        if (row >= b.numRows()) {
          batch++;
          row = 0;
          continue;
        }
        int count = Math.min(batchSize, b.numRows() - row);
        Batch slice = b.slice(row, count);
        row += count;
        out.accept(b.schema().equals(schema) ? slice : slice.withSchema(schema));
        return Status.MORE_AVAILABLE;
      }
      return Status.END_OF_INPUT;
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      return ByteBuffer.allocate(13).put(VERSION).putInt(split).putInt(batch).putInt(row).array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      ByteBuffer buf = ByteBuffer.wrap(offsets);
      byte version = buf.get();
      if (version != VERSION) {
        throw new IllegalArgumentException("Unknown memory source offset version " + version);
      }
      split = buf.getInt();
      batch = buf.getInt();
      row = buf.getInt();
    }

    @Override
    public void close() {}
  }
}
