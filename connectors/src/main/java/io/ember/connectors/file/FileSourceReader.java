package io.ember.connectors.file;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a task's file splits in order into batches of at most {@link ReaderContext#batchSize()} rows
 * (a batch may span splits). The offset is (split index, records consumed in it): restoring opens that
 * split and skips the consumed records, so reading resumes exactly after the last emitted batch.
 */
final class FileSourceReader implements SourceReader {
  private static final byte VERSION = 1;

  private final FileFormatReader format;
  private final List<FileSplit> splits;
  private final PartitionColumns partitions;
  private final ReaderContext context;
  private final StructType readSchema;
  private final int[] dataColumns;
  private final int[] partitionColumns;
  private final List<Expression> filters;
  private final int[] outputPositions;
  private final ReadRequest request;

  private int splitIndex;
  private SplitReader current;
  private long pendingSkip;

  FileSourceReader(
      FileFormatReader format, List<FileSplit> splits, StructType dataSchema, PartitionColumns partitions,
      List<FileEntry> files, int[] projection, List<Expression> filters, ReaderContext context) {
    this.format = format;
    this.splits = splits;
    this.partitions = partitions;
    this.context = context;
    BitSet used = new BitSet();
    for (int p : projection) {
      used.set(p);
    }
    for (Expression f : filters) {
      used.or(ColumnRefs.references(f));
    }
    int[] readCols = used.stream().toArray();
    int[] fullToRead = new int[dataSchema.size() + partitions.schema().size()];
    Arrays.fill(fullToRead, -1);
    for (int i = 0; i < readCols.length; i++) {
      fullToRead[readCols[i]] = i;
    }
    StructType full = fullSchemaOf(dataSchema, partitions.schema());
    this.readSchema = full.select(readCols);
    this.dataColumns = Arrays.stream(readCols).filter(c -> c < dataSchema.size()).toArray();
    this.partitionColumns = Arrays.stream(readCols).filter(c -> c >= dataSchema.size()).map(c -> c - dataSchema.size()).toArray();
    List<Expression> bound = new ArrayList<>(filters.size());
    for (Expression f : filters) {
      bound.add(ColumnRefs.remap(f, fullToRead));
    }
    this.filters = bound;
    this.outputPositions = new int[projection.length];
    for (int i = 0; i < projection.length; i++) {
      outputPositions[i] = fullToRead[projection[i]];
    }
    this.request = new ReadRequest(dataSchema, dataColumns, context.eval().zone(),
        FilterBinding.dataOnly(filters, dataSchema.size()));
  }

  private static StructType fullSchemaOf(StructType data, StructType parts) {
    List<io.ember.core.types.StructField> fields = new ArrayList<>(data.fields());
    fields.addAll(parts.fields());
    return new StructType(fields);
  }

  @Override
  public Status pollNext(Consumer<Batch> out) {
    if (splitIndex >= splits.size()) {
      return Status.END_OF_INPUT;
    }
    int batchSize = Math.max(1, context.batchSize());
    VectorBuilder[] builders = new VectorBuilder[readSchema.size()];
    for (int i = 0; i < builders.length; i++) {
      builders[i] = VectorBuilder.forType(readSchema.field(i).dataType(), Math.min(batchSize, 4096));
    }
    VectorBuilder[] dataBuilders = Arrays.copyOf(builders, dataColumns.length);
    int rows = 0;
    try {
      while (rows < batchSize && splitIndex < splits.size()) {
        FileSplit split = splits.get(splitIndex);
        SplitReader r = current(split);
        int n = r.read(dataBuilders, batchSize - rows);
        for (int p = 0; p < partitionColumns.length; p++) {
          partitions.appendValues(split.fileIndex(), partitionColumns[p], builders[dataColumns.length + p], n);
        }
        rows += n;
        if (rows < batchSize) {
          closeCurrent();
          splitIndex++;
        }
      }
    } catch (IOException e) {
      throw new EmberRuntimeException(
          "FILE_READ_FAILED", "Cannot read " + splits.get(splitIndex).path() + ": " + e.getMessage(), e);
    }
    if (rows == 0) {
      return splitIndex >= splits.size() ? Status.END_OF_INPUT : Status.MORE_AVAILABLE;
    }
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = builders[i].build();
    }
    Batch batch = applyFilters(new Batch(readSchema, cols, rows));
    if (batch.numRows() > 0) {
      out.accept(batch.selectColumns(outputPositions));
    }
    return Status.MORE_AVAILABLE;
  }

  private Batch applyFilters(Batch batch) {
    for (Expression f : filters) {
      ColumnVector v = f.evaluate(batch, context.eval());
      BooleanVector b = (BooleanVector) v;
      int[] keep = new int[batch.numRows()];
      int k = 0;
      for (int r = 0; r < batch.numRows(); r++) {
        if (!b.isNull(r) && b.getBoolean(r)) {
          keep[k++] = r;
        }
      }
      if (k < batch.numRows()) {
        batch = batch.take(keep, k);
      }
    }
    return batch;
  }

  private SplitReader current(FileSplit split) throws IOException {
    if (current == null) {
      current = format.open(split, request);
      if (pendingSkip > 0) {
        current.skip(pendingSkip);
        pendingSkip = 0;
      }
    }
    return current;
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // the split was fully read; a failing close loses nothing
      }
      current = null;
    }
  }

  @Override
  public byte[] snapshotOffsets(long epoch) {
    long position = current != null ? current.consumed() : pendingSkip;
    byte[] id = splitIndex < splits.size() ? splits.get(splitIndex).splitId().getBytes(StandardCharsets.UTF_8) : new byte[0];
    return ByteBuffer.allocate(1 + 4 + 8 + 4 + id.length)
        .put(VERSION).putInt(splitIndex).putLong(position).putInt(id.length).put(id).array();
  }

  @Override
  public void restoreOffsets(byte[] offsets) {
    ByteBuffer buf = ByteBuffer.wrap(offsets);
    byte version = buf.get();
    if (version != VERSION) {
      throw new EmberRuntimeException("INVALID_OFFSET", "Unknown file source offset version " + version + ".");
    }
    int index = buf.getInt();
    long position = buf.getLong();
    byte[] id = new byte[buf.getInt()];
    buf.get(id);
    String splitId = new String(id, StandardCharsets.UTF_8);
    if (index < splits.size() && !splits.get(index).splitId().equals(splitId)) {
      throw new EmberRuntimeException("INVALID_OFFSET",
          "The offset names split " + splitId + " but this reader's split " + index + " is " + splits.get(index).splitId() + ".");
    }
    closeCurrent();
    splitIndex = index;
    pendingSkip = position;
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
