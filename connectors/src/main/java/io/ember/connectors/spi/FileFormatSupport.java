package io.ember.connectors.spi;

import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.sink.RecordWriter;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A file format from its own module (parquet), read and written by the built-in file sources and sinks: they list
 * paths, discover Hive-style partitions, split files, keep offsets, apply save modes, stage and commit part files and
 * stream new files; this interface supplies only the format's halves. A {@link DataSourceProvider} offers one through
 * {@link DataSourceProvider#fileFormat()}. Implementations are immutable and shared by all queries.
 */
public interface FileFormatSupport {
  /**
   * The data schema of {@code files} (sorted by path; never empty unless {@code userSchema} is set), or
   * {@code userSchema} when the user gave one. Called on the driver when a reader is created.
   *
   * @throws io.ember.core.errors.AnalysisException when the schema cannot be determined (no files and no user
   *     schema: Spark's {@code UNABLE_TO_INFER_SCHEMA}) or the files' types cannot be read
   */
  StructType resolveSchema(List<FileEntry> files, StructType userSchema, FileOptions options);

  /** The reader of this format's files under {@code options}. */
  FileFormatReader reader(FileOptions options);

  /** The part-file extension without the leading dot (e.g. {@code snappy.parquet}), which may depend on options. */
  String extension(FileOptions options);

  /**
   * Checks, before anything runs, that the format can hold {@code dataSchema} (the written columns, partition
   * columns excluded) under {@code options}.
   *
   * @throws io.ember.core.errors.AnalysisException naming the column and type the format cannot hold
   */
  void validateWrite(StructType dataSchema, FileOptions options);

  /**
   * A writer of {@code columns} of {@code schema} to {@code out}, which it owns: closing the writer finishes the
   * file and closes {@code out}.
   */
  RecordWriter openWriter(OutputStream out, StructType schema, int[] columns, FileOptions options) throws IOException;

  /**
   * Whether a batch write of no rows without {@code partitionBy} still leaves one part file (with no rows), so that
   * reading the directory finds the schema, as Spark writes one; false (the default) writes no file. Formats whose
   * files carry their schema (Parquet's footer) say true.
   */
  default boolean writesEmptyFile() {
    return false;
  }
}
