package io.ember.connectors.parquet;

import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the row groups of one split of a Parquet file column by column: for each requested column a Parquet
 * {@link ColumnReader} feeds a {@link ColumnDecoder} that appends to the column's builder, so values go from pages to
 * Ember vectors without assembling records. Only the requested columns' chunks are read from disk (column pruning).
 * Columns are matched to the file's by name, exactly first and then ignoring case (Spark's default); a requested
 * column the file lacks reads as nulls, as Spark does for files written before a column was added.
 *
 * <p>A record is a row: {@link #consumed()} counts rows, and {@link #skip} skips whole row groups without reading
 * them, then rows within one.
 */
final class ParquetSplitReader implements SplitReader {
  private final String path;
  private final ParquetFileReader file;
  private final MessageType requested;
  private final String createdBy;
  /** Per requested column: its descriptor in the file, or null when the file lacks it. */
  private final ColumnDescriptor[] descriptors;
  private final ColumnDecoder[] decoders;
  private final List<BlockMetaData> rowGroups;

  private int nextRowGroup;
  private ColumnReader[] readers;
  private long rowsLeftInGroup;
  private long consumed;

  ParquetSplitReader(FileSplit split, ReadRequest request) {
    this.path = split.path();
    this.file = ParquetFiles.open(path, split.start(), split.end());
    try {
      MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
      this.createdBy = file.getFooter().getFileMetaData().getCreatedBy();
      StructType data = request.dataSchema();
      int[] columns = request.columns();
      descriptors = new ColumnDescriptor[columns.length];
      decoders = new ColumnDecoder[columns.length];
      List<Type> present = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        StructField field = data.field(columns[i]);
        Type t = find(fileSchema, field.name());
        if (t == null) {
          continue;
        }
        if (!t.isPrimitive() || t.getRepetition() == Type.Repetition.REPEATED) {
          ParquetSchemas.toEmber(t, path);
        }
        if (!present.contains(t)) {
          present.add(t);
        }
        descriptors[i] = fileSchema.getColumnDescription(new String[] {t.getName()});
        decoders[i] = ColumnDecoder.of(t.asPrimitiveType(), descriptors[i].getMaxDefinitionLevel(), field.dataType(),
            path);
      }
      this.requested = new MessageType(fileSchema.getName(), present);
      file.setRequestedSchema(requested);
      this.rowGroups = file.getRowGroups();
    } catch (RuntimeException e) {
      closeQuietly();
      throw ParquetFiles.failed(path, e);
    }
  }

  private static Type find(MessageType schema, String name) {
    if (schema.containsField(name)) {
      return schema.getType(name);
    }
    for (Type t : schema.getFields()) {
      if (t.getName().equalsIgnoreCase(name)) {
        return t;
      }
    }
    return null;
  }

  @Override
  public int read(VectorBuilder[] builders, int maxRows) throws IOException {
    int rows = 0;
    while (rows < maxRows) {
      if (rowsLeftInGroup == 0 && !startRowGroup()) {
        break;
      }
      int n = (int) Math.min(maxRows - rows, rowsLeftInGroup);
      decode(builders, n);
      rows += n;
      rowsLeftInGroup -= n;
      consumed += n;
    }
    return rows;
  }

  private void decode(VectorBuilder[] builders, int n) {
    try {
      for (int c = 0; c < builders.length; c++) {
        if (readers[c] == null) {
          for (int i = 0; i < n; i++) {
            builders[c].appendNull();
          }
        } else {
          decoders[c].decode(readers[c], builders[c], n);
        }
      }
    } catch (RuntimeException e) {
      throw ParquetFiles.failed(path, e);
    }
  }

  /** Reads the next row group's pages of the requested columns; false when there is none. */
  private boolean startRowGroup() throws IOException {
    while (nextRowGroup < rowGroups.size()) {
      PageReadStore pages;
      try {
        pages = file.readNextRowGroup();
      } catch (IOException | RuntimeException e) {
        throw ParquetFiles.failed(path, e);
      }
      nextRowGroup++;
      if (pages == null) {
        return false;
      }
      if (pages.getRowCount() == 0) {
        continue;
      }
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new PrimitiveColumns(requested.getFieldCount()),
          requested, createdBy);
      readers = new ColumnReader[descriptors.length];
      for (int c = 0; c < descriptors.length; c++) {
        readers[c] = descriptors[c] == null ? null : store.getColumnReader(descriptors[c]);
      }
      rowsLeftInGroup = pages.getRowCount();
      return true;
    }
    return false;
  }

  @Override
  public long consumed() {
    return consumed;
  }

  @Override
  public void skip(long records) throws IOException {
    long left = records;
    while (left > 0 && rowsLeftInGroup == 0 && nextRowGroup < rowGroups.size()
        && rowGroups.get(nextRowGroup).getRowCount() <= left) {
      left -= rowGroups.get(nextRowGroup).getRowCount();
      consumed += rowGroups.get(nextRowGroup).getRowCount();
      file.skipNextRowGroup();
      nextRowGroup++;
    }
    while (left > 0) {
      if (rowsLeftInGroup == 0 && !startRowGroup()) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Cannot skip " + records + " rows of " + path
            + ": the split has only " + consumed + "; the file changed since the offset was taken.");
      }
      int n = (int) Math.min(left, rowsLeftInGroup);
      for (int c = 0; c < readers.length; c++) {
        ColumnReader r = readers[c];
        if (r != null) {
          int maxDefinition = descriptors[c].getMaxDefinitionLevel();
          for (int i = 0; i < n; i++) {
            if (r.getCurrentDefinitionLevel() == maxDefinition) {
              r.skip();
            }
            r.consume();
          }
        }
      }
      rowsLeftInGroup -= n;
      consumed += n;
      left -= n;
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private void closeQuietly() {
    try {
      file.close();
    } catch (IOException e) {
      // the constructor already failed; that error is the one to report
    }
  }

  /**
   * The converter tree {@link ColumnReadStoreImpl} requires for a flat schema: one primitive converter per column.
   * Values are taken from the column readers directly ({@code getInteger()}, ...), never pushed into converters,
   * so these converters receive nothing.
   */
  private static final class PrimitiveColumns extends GroupConverter {
    private final PrimitiveConverter[] fields;

    PrimitiveColumns(int count) {
      fields = new PrimitiveConverter[count];
      for (int i = 0; i < count; i++) {
        fields[i] = new PrimitiveConverter() {};
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fields[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
