package io.ember.connectors.parquet;

import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.compat.RowGroupFilter;
import org.apache.parquet.filter2.predicate.FilterPredicate;
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
 * Ember vectors without assembling records; nested columns (structs, arrays, maps) are assembled record by record
 * ({@link NestedColumns}). Only the requested columns' chunks are read from disk (column pruning).
 * Columns are matched to the file's by name, exactly first and then ignoring case (Spark's default); a requested
 * column the file lacks reads as nulls, as Spark does for files written before a column was added.
 *
 * <p>With pushdown, the row groups whose statistics or dictionaries show that no row satisfies the request's filters
 * ({@link ParquetFilters}) are passed over unread; the file source still filters the rows read.
 *
 * <p>A record is a row: {@link #consumed()} counts rows, and {@link #skip} skips whole row groups without reading
 * them, then rows within one.
 */
final class ParquetSplitReader implements SplitReader {
  private final String path;
  private final ParquetFileReader file;
  /** The requested flat columns the file has, which {@link ColumnDecoder}s read. */
  private final MessageType flat;
  /** The requested nested columns the file has, assembled as records; null when there are none. */
  private final NestedColumns nested;
  /** Per requested column: its index among {@link #nested}'s fields, or -1 for a flat or missing column. */
  private final int[] nestedIndex;
  private final String createdBy;
  private final boolean binaryAsString;
  /** Per requested column: its descriptor in the file, or null when the file lacks it. */
  private final ColumnDescriptor[] descriptors;
  private final ColumnDecoder[] decoders;
  private final List<BlockMetaData> rowGroups;
  /** Per row group of the split: whether its statistics or dictionaries show that no row can match the filters. */
  private final boolean[] cannotMatch;
  private int rowGroupsRead;

  private int nextRowGroup;
  private ColumnReader[] readers;
  private long rowsLeftInGroup;
  private long consumed;

  /**
   * @param pushdown whether to skip the row groups that {@link ReadRequest#filters()} rule out by their statistics
   *     and dictionaries ({@code spark.sql.parquet.filterPushdown})
   * @param binaryAsString whether BINARY values without a logical type inside nested columns are strings, as the
   *     schema inferred with {@code spark.sql.parquet.binaryAsString} has them (top-level ones read as either)
   */
  ParquetSplitReader(FileSplit split, ReadRequest request, boolean pushdown, boolean binaryAsString) {
    this.path = split.path();
    this.binaryAsString = binaryAsString;
    this.file = ParquetFiles.open(path, split.start(), split.end());
    try {
      MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
      this.createdBy = file.getFooter().getFileMetaData().getCreatedBy();
      StructType data = request.dataSchema();
      int[] columns = request.columns();
      descriptors = new ColumnDescriptor[columns.length];
      decoders = new ColumnDecoder[columns.length];
      nestedIndex = new int[columns.length];
      Arrays.fill(nestedIndex, -1);
      List<Type> present = new ArrayList<>();
      List<Type> nestedFields = new ArrayList<>();
      List<DataType> nestedTypes = new ArrayList<>();
      for (int i = 0; i < columns.length; i++) {
        StructField field = data.field(columns[i]);
        Type t = find(fileSchema, field.name());
        if (t == null) {
          continue;
        }
        if (!t.isPrimitive() || t.getRepetition() == Type.Repetition.REPEATED) {
          nestedIndex[i] = nestedField(t, field, nestedFields, nestedTypes);
          continue;
        }
        if (!present.contains(t)) {
          present.add(t);
        }
        descriptors[i] = fileSchema.getColumnDescription(new String[] {t.getName()});
        decoders[i] = ColumnDecoder.of(t.asPrimitiveType(), descriptors[i].getMaxDefinitionLevel(), field.dataType(),
            path);
      }
      this.flat = new MessageType(fileSchema.getName(), present);
      this.nested = nestedFields.isEmpty() ? null : new NestedColumns(fileSchema, nestedFields, nestedTypes, createdBy);
      List<Type> all = new ArrayList<>(present);
      all.addAll(nestedFields);
      file.setRequestedSchema(new MessageType(fileSchema.getName(), all));
      this.rowGroups = file.getRowGroups();
      this.cannotMatch = ruledOut(pushdown, request, fileSchema);
    } catch (RuntimeException e) {
      closeQuietly();
      throw ParquetFiles.failed(path, e);
    }
  }

  /** The index of nested column {@code t} among {@code fields}, added when new, after checking its type. */
  private int nestedField(Type t, StructField field, List<Type> fields, List<DataType> types) {
    DataType found = ParquetSchemas.toEmber(t, path, binaryAsString);
    if (!ParquetSchemas.sameShape(found, field.dataType())) {
      throw new EmberRuntimeException("FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "Encountered error while"
          + " reading file " + path + ". Data type mismatches when reading Parquet column [" + t.getName()
          + "]. Expected Spark type " + field.dataType().simpleString().toUpperCase(Locale.ROOT)
          + ", actual " + found.simpleString().toUpperCase(Locale.ROOT) + ". Read the files with a schema"
          + " whose type for this column matches the files', or set option(\"mergeSchema\", \"true\") to see where"
          + " they differ.");
    }
    int at = fields.indexOf(t);
    if (at < 0) {
      fields.add(t);
      types.add(found);
      at = fields.size() - 1;
    }
    return at;
  }

  private boolean[] ruledOut(boolean pushdown, ReadRequest request, MessageType fileSchema) {
    boolean[] out = new boolean[rowGroups.size()];
    FilterPredicate predicate = pushdown && !request.filters().isEmpty()
        ? ParquetFilters.predicate(request.filters(), request.dataSchema(), fileSchema) : null;
    if (predicate == null) {
      return out;
    }
    List<BlockMetaData> kept = RowGroupFilter.filterRowGroups(
        List.of(RowGroupFilter.FilterLevel.STATISTICS, RowGroupFilter.FilterLevel.DICTIONARY),
        FilterCompat.get(predicate), rowGroups, file);
    Set<BlockMetaData> keep = Collections.newSetFromMap(new IdentityHashMap<>());
    keep.addAll(kept);
    for (int i = 0; i < out.length; i++) {
      out[i] = !keep.contains(rowGroups.get(i));
    }
    return out;
  }

  /** The top-level column of {@code schema} named {@code name}, exactly or else ignoring case; null if none. */
  static Type find(MessageType schema, String name) {
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
        if (nestedIndex[c] >= 0) {
          continue;
        } else if (readers[c] == null) {
          for (int i = 0; i < n; i++) {
            builders[c].appendNull();
          }
        } else {
          decoders[c].decode(readers[c], builders[c], n);
        }
      }
      if (nested != null) {
        for (int i = 0; i < n; i++) {
          Object[] values = nested.next();
          for (int c = 0; c < builders.length; c++) {
            if (nestedIndex[c] >= 0) {
              builders[c].append(values[nestedIndex[c]]);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      throw ParquetFiles.failed(path, e);
    }
  }

  /** Reads the next row group's pages of the requested columns; false when there is none. */
  private boolean startRowGroup() throws IOException {
    while (nextRowGroup < rowGroups.size()) {
      if (cannotMatch[nextRowGroup]) {
        consumed += rowGroups.get(nextRowGroup).getRowCount();
        file.skipNextRowGroup();
        nextRowGroup++;
        continue;
      }
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
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new PrimitiveColumns(flat.getFieldCount()),
          flat, createdBy);
      readers = new ColumnReader[descriptors.length];
      for (int c = 0; c < descriptors.length; c++) {
        readers[c] = descriptors[c] == null ? null : store.getColumnReader(descriptors[c]);
      }
      if (nested != null) {
        nested.startRowGroup(pages);
      }
      rowsLeftInGroup = pages.getRowCount();
      rowGroupsRead++;
      return true;
    }
    return false;
  }

  @Override
  public long consumed() {
    return consumed;
  }

  /** How many row groups this reader has read so far (row groups skipped unread are not counted). */
  int rowGroupsRead() {
    return rowGroupsRead;
  }

  /**
   * Skips {@code records} rows: whole row groups unread, then rows of one. Rows of a row group the filters rule out
   * count as consumed when the reader passes it, so a position taken with {@link #consumed()} never lies inside one;
   * skipping past such a group to the next one passes only rows that cannot match.
   */
  @Override
  public void skip(long records) throws IOException {
    long target = consumed + records;
    while (consumed < target && rowsLeftInGroup == 0 && nextRowGroup < rowGroups.size()
        && rowGroups.get(nextRowGroup).getRowCount() <= target - consumed) {
      consumed += rowGroups.get(nextRowGroup).getRowCount();
      file.skipNextRowGroup();
      nextRowGroup++;
    }
    while (consumed < target) {
      if (rowsLeftInGroup == 0 && !startRowGroup()) {
        throw new EmberRuntimeException("INVALID_OFFSET", "Cannot skip " + records + " rows of " + path
            + ": the split has only " + consumed + "; the file changed since the offset was taken.");
      }
      long left = Math.max(0, target - consumed);
      int n = (int) Math.min(left, rowsLeftInGroup);
      for (int i = 0; nested != null && i < n; i++) {
        nested.next();
      }
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
