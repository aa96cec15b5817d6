package io.ember.connectors.parquet;

import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.connectors.file.sink.RecordWriter;
import io.ember.connectors.spi.FileFormatSupport;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parquet file format's halves for the built-in file sources and sinks. The schema comes from the files' footers:
 * the first file's (by path), as Spark with {@code mergeSchema=false}, or the union of all files' with
 * {@code mergeSchema=true}, which fails with {@code CANNOT_MERGE_SCHEMAS} naming the two files that disagree on a
 * column's type. Files split at row-group boundaries (a row group belongs to the split holding its midpoint).
 */
final class ParquetFormat implements FileFormatSupport {
  static final ParquetFormat INSTANCE = new ParquetFormat();

  private ParquetFormat() {}

  @Override
  public StructType resolveSchema(List<FileEntry> files, StructType userSchema, FileOptions options) {
    ParquetOptions o = ParquetOptions.of(options);
    if (userSchema != null) {
      return userSchema;
    }
    List<FileEntry> data = new ArrayList<>();
    for (FileEntry f : files) {
      if (f.size() > 0) {
        data.add(f);
      }
    }
    if (data.isEmpty()) {
      throw new AnalysisException("UNABLE_TO_INFER_SCHEMA",
          "Unable to infer schema for Parquet. It must be specified manually.");
    }
    if (!o.mergeSchema()) {
      return footerSchema(data.get(0).path(), o.binaryAsString());
    }
    Map<String, StructField> merged = new LinkedHashMap<>();
    Map<String, String> firstFile = new LinkedHashMap<>();
    for (FileEntry f : data) {
      for (StructField field : footerSchema(f.path(), o.binaryAsString()).fields()) {
        String key = field.name().toLowerCase(Locale.ROOT);
        StructField seen = merged.get(key);
        if (seen == null) {
          merged.put(key, field);
          firstFile.put(key, f.path());
        } else if (!seen.dataType().equals(field.dataType())) {
          throw new AnalysisException("CANNOT_MERGE_SCHEMAS", "Failed merging schemas: column `" + field.name()
              + "` is " + seen.dataType().simpleString() + " in " + FileLister.qualified(Path.of(firstFile.get(key)))
              + " but " + field.dataType().simpleString() + " in " + FileLister.qualified(Path.of(f.path()))
              + ". Read the files separately, or give a schema with spark.read.schema(...).");
        } else if (field.nullable() && !seen.nullable()) {
          merged.put(key, seen.withNullable(true));
        }
      }
    }
    return new StructType(new ArrayList<>(merged.values()));
  }

  private static StructType footerSchema(String path, boolean binaryAsString) {
    return ParquetSchemas.toEmber(ParquetFiles.footer(path).getFileMetaData().getSchema(),
        FileLister.qualified(Path.of(path)), binaryAsString);
  }

  @Override
  public FileFormatReader reader(FileOptions options) {
    ParquetOptions o = ParquetOptions.of(options);
    return new Reader(o.filterPushdown(), o.binaryAsString());
  }

  @Override
  public String extension(FileOptions options) {
    return ParquetOptions.of(options).extension();
  }

  @Override
  public void validateWrite(StructType dataSchema, FileOptions options) {
    ParquetOptions.of(options);
    ParquetSchemas.toParquet(dataSchema);
  }

  /** An empty DataFrame writes one file whose footer holds the schema, as Spark writes it. */
  @Override
  public boolean writesEmptyFile() {
    return true;
  }

  @Override
  public RecordWriter openWriter(OutputStream out, StructType schema, int[] columns, FileOptions options)
      throws IOException {
    return new ParquetRecordWriter(out, schema, columns, ParquetOptions.of(options));
  }

  /**
   * The reader half: opens a {@link ParquetSplitReader} per split, skipping row groups with {@code pushdown} and
   * reading BINARY columns without a logical type as strings with {@code binaryAsString}.
   */
  private record Reader(boolean pushdown, boolean binaryAsString) implements FileFormatReader {
    @Override
    public String name() {
      return "parquet";
    }

    @Override
    public boolean isSplittable() {
      return true;
    }

    @Override
    public SplitReader open(FileSplit split, ReadRequest request) {
      return new ParquetSplitReader(split, request, pushdown, binaryAsString);
    }

    @Override
    public List<String> pushedFilters(StructType dataSchema, List<Expression> filters) {
      return pushdown ? ParquetFilters.describe(filters, dataSchema) : List.of();
    }
  }
}
