package io.ember.connectors.memory;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An unbounded source fed by the program, Spark's {@code MemoryStream}: {@link #addData} appends a batch
 * (possibly from another thread while the query runs) and returns its offset, the batch's index from 0.
 * One reader ({@link #fixedParallelism()} 1) emits the batches in the order they were added, each cut
 * into pieces of at most {@link ReaderContext#batchSize()} rows. Replayable: batches are kept for the life
 * of the source, and the reader's offset is (batches consumed, rows consumed of the next one); a reader replays an
 * epoch exactly ({@link SourceReader#replayUntil}).
 *
 * <p>Thread-safe: {@link #addData} may run concurrently with readers polling.
 */
public final class MemoryStreamSource implements UnboundedSource, DriverLocal {
  private final StructType schema;
  private final List<Batch> batches;
  private final int limit;

  /** An empty stream of rows of {@code schema}. */
  public MemoryStreamSource(StructType schema) {
    this(schema, new ArrayList<>(), -1);
  }

  private MemoryStreamSource(StructType schema, List<Batch> batches, int limit) {
    this.schema = schema;
    this.batches = batches;
    this.limit = limit;
  }

  /** The single split: the whole stream. */
  public record Split() implements SourceSplit {
    @Override
    public String splitId() {
      return "memory-stream";
    }
  }

  /**
   * Appends {@code rows} as one batch.
   *
   * @return the offset of the batch: its index, 0 for the first one
   * @throws IllegalStateException on the bounded view made by {@link #availableNow()}
   */
  public long addData(List<Row> rows) {
    return addData(Batch.fromRows(schema, rows));
  }

  /**
   * Appends {@code batch}.
   *
   * @return the offset of the batch: its index, 0 for the first one
   * @throws EmberIllegalArgumentException when the batch's column count or types do not match the schema
   */
  public long addData(Batch batch) {
    if (limit >= 0) {
      throw new IllegalStateException("The bounded view of a memory stream takes no data; add it to the stream.");
    }
    if (batch.numColumns() != schema.size()) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE", "The batch has " + batch.numColumns()
          + " columns but the memory stream's schema is " + schema.simpleString() + ".");
    }
    Batch b = batch.schema().equals(schema) ? batch : batch.withSchema(schema);
    synchronized (batches) {
      batches.add(b);
      return batches.size() - 1;
    }
  }

  /** The offset of the last added batch, or -1 when none was added (Spark's {@code latestOffset}). */
  public long latestOffset() {
    synchronized (batches) {
      return (limit >= 0 ? Math.min(limit, batches.size()) : batches.size()) - 1;
    }
  }

  private Batch batchAt(int index) {
    synchronized (batches) {
      int available = limit >= 0 ? Math.min(limit, batches.size()) : batches.size();
      return index < available ? batches.get(index) : null;
    }
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public boolean isBounded() {
    return limit >= 0;
  }

  @Override
  public int fixedParallelism() {
    return 1;
  }

  /** The batches added so far, then nothing more: shares this stream's data and offsets. */
  @Override
  public Source availableNow() {
    synchronized (batches) {
      return new MemoryStreamSource(schema, batches, batches.size());
    }
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return List.of(new Split());
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new Reader(!splits.isEmpty(), Math.max(1, context.batchSize()));
  }

  @Override
  public String explain() {
    return "MemoryStream" + (limit >= 0 ? "[availableNow, " + limit + " batches]" : "[" + (latestOffset() + 1) + " batches]")
        + " schema=" + schema.simpleString();
  }

  private final class Reader implements SourceReader {
    private static final byte VERSION = 1;
    private final boolean assigned;
    private final int batchSize;
    private int batch;
    private int row;
    /** The position a replayed epoch ends at ({@link #replayUntil}); -1 when not replaying. */
    private int endBatch = -1;
    private int endRow;

    Reader(boolean assigned, int batchSize) {
      this.assigned = assigned;
      this.batchSize = batchSize;
    }

    @Override
    public Status pollNext(Consumer<Batch> out) {
      while (true) {
        if (endBatch >= 0 && (batch > endBatch || (batch == endBatch && row >= endRow))) {
          return Status.WAITING_FOR_EPOCH;
        }
        if (!assigned) {
          return isBounded() ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
        }
        Batch b = batchAt(batch);
        if (b == null) {
          return isBounded() ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
        }
        if (row >= b.numRows()) {
          batch++;
          row = 0;
          continue;
        }
        int limit = endBatch == batch ? endRow : b.numRows();
        int count = Math.min(batchSize, limit - row);
        Batch slice = row == 0 && count == b.numRows() ? b : b.slice(row, count);
        row += count;
        if (row >= b.numRows()) {
          batch++;
          row = 0;
        }
        out.accept(slice);
        return Status.MORE_AVAILABLE;
      }
    }

    @Override
    public byte[] snapshotOffsets(long epoch) {
      endBatch = -1;
      return ByteBuffer.allocate(9).put(VERSION).putInt(batch).putInt(row).array();
    }

    @Override
    public void restoreOffsets(byte[] offsets) {
      int[] position = decode(offsets);
      batch = position[0];
      row = position[1];
    }

    /** Stops at {@code endOffsets} (batches consumed, rows of the next one) until the next epoch cut. */
    @Override
    public boolean replayUntil(byte[] endOffsets) {
      int[] end = decode(endOffsets);
      if (end[0] < batch || (end[0] == batch && end[1] < row)) {
        throw new EmberRuntimeException("INVALID_OFFSET", "The memory stream cannot replay up to batch " + end[0]
            + " row " + end[1] + ": it is already at batch " + batch + " row " + row + ".");
      }
      endBatch = end[0];
      endRow = end[1];
      return true;
    }

    private static int[] decode(byte[] offsets) {
      ByteBuffer buf = ByteBuffer.wrap(offsets);
      byte version = buf.get();
      if (version != VERSION) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Unknown memory stream offset version " + version + ".");
      }
      return new int[] {buf.getInt(), buf.getInt()};
    }

    /** Spark's memory stream offset: the index of the last batch read whole, or null before the first one. */
    @Override
    public String describeOffsets() {
      return batch == 0 ? null : Integer.toString(batch - 1);
    }

    @Override
    public void close() {}
  }
}
