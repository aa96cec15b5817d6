package io.ember.connectors.spi;

import io.ember.connectors.file.SaveMode;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.core.types.StructType;
import java.util.Map;

/**
 * A data source format that lives outside the built-in connectors (Kafka, in its own module), found by its
 * {@link #shortName()} through {@link java.util.ServiceLoader}: a jar on the class path lists its implementation
 * in {@code META-INF/services/io.ember.connectors.spi.DataSourceProvider}. The readers and writers of the api
 * ({@code spark.read}, {@code readStream}, {@code write}, {@code writeStream}) consult providers only for a format
 * they do not know themselves, so a provider's classes are loaded only when a query names its format.
 *
 * <p>Each method either returns a source or sink or throws the user's error for bad options. A provider that does
 * not support a direction keeps the default, which fails with an {@code AnalysisException}
 * ({@code UNSUPPORTED_DATA_SOURCE_OPERATION}) naming the format.
 */
public interface DataSourceProvider {
  /** The format name users write, e.g. {@code kafka}; matched case-insensitively. */
  String shortName();

  /**
   * {@code spark.read.format(shortName).options(options).load()}: a bounded source.
   *
   * @param options the reader's options as given (keys in the user's case; look them up case-insensitively)
   * @param userSchema the schema the user set, or null
   */
  default Source createBatchSource(Map<String, String> options, StructType userSchema) {
    throw unsupported("batch reads");
  }

  /** {@code spark.readStream.format(shortName).options(options).load()}: an unbounded source. */
  default Source createStreamSource(Map<String, String> options, StructType userSchema) {
    throw unsupported("streaming reads");
  }

  /** {@code df.write.format(shortName).mode(mode).options(options).save()}, for rows of {@code schema}. */
  default Sink createBatchSink(Map<String, String> options, SaveMode mode, StructType schema) {
    throw unsupported("batch writes");
  }

  /** {@code df.writeStream.format(shortName).outputMode(outputMode).options(options).start()}. */
  default Sink createStreamSink(Map<String, String> options, String outputMode, StructType schema) {
    throw unsupported("streaming writes");
  }

  /**
   * The file format this provider stands for, or null (the default) for a format that is not made of files. A file
   * format is read and written by the built-in file sources and sinks ({@code load(paths)}, {@code partitionBy},
   * save modes, the streaming file source and sink), which call back into it; the four methods above are then
   * not used.
   */
  default FileFormatSupport fileFormat() {
    return null;
  }

  private io.ember.core.errors.AnalysisException unsupported(String what) {
    return new io.ember.core.errors.AnalysisException("UNSUPPORTED_DATA_SOURCE_OPERATION",
        "The data source '" + shortName() + "' does not support " + what + ".");
  }
}
