package io.ember.connectors.parquet;

import io.ember.connectors.file.FileLister;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;

/**
 * Opens Parquet files on the local file system (no Hadoop file system), turning any failure into Spark's
 * {@code FAILED_READ_FILE} naming the file: a file that is not Parquet, truncated or corrupt fails here or while its
 * pages are read.
 */
final class ParquetFiles {
  private ParquetFiles() {}

  /** The footer of {@code path}, without its row groups' metadata. */
  static ParquetMetadata footer(String path) {
    QuietHadoop.init();
    ParquetReadOptions options = ParquetReadOptions.builder().withMetadataFilter(ParquetMetadataConverter.SKIP_ROW_GROUPS)
        .build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(Path.of(path)), options)) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw failed(path, e);
    }
  }

  /**
   * A reader of the row groups of {@code path} whose midpoint lies in bytes {@code [start, end)}, as Hadoop input
   * splits assign them, so that every row group is read by exactly one split.
   */
  static ParquetFileReader open(String path, long start, long end) {
    QuietHadoop.init();
    ParquetReadOptions options = ParquetReadOptions.builder().withRange(start, end).build();
    try {
      return ParquetFileReader.open(new LocalInputFile(Path.of(path)), options);
    } catch (IOException | RuntimeException e) {
      throw failed(path, e);
    }
  }

  /**
   * Spark's {@code FAILED_READ_FILE} for {@code path}, with the cause's message; Ember's own errors (which name the
   * file and column already) pass through unchanged.
   */
  static RuntimeException failed(String path, Throwable cause) {
    if (cause instanceof EmberException e) {
      return e;
    }
    return new EmberRuntimeException("FAILED_READ_FILE.NO_HINT", "Encountered error while reading file "
        + FileLister.qualified(Path.of(path)) + ": it is not a readable Parquet file (" + cause.getMessage() + ").",
        cause);
  }
}
