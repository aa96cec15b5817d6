package io.ember.connectors.parquet;

import io.ember.connectors.file.FileOptions;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The parquet format's options (keys case-insensitive, as Spark's {@code ParquetOptions}):
 * {@code compression} (alias {@code parquet.compression}) is the codec files are written with: {@code snappy}
 * ({@link #DEFAULT_COMPRESSION}, Spark's {@code spark.sql.parquet.compression.codec} default), {@code none} or
 * {@code uncompressed}, {@code gzip}, {@code zstd}, {@code lz4_raw}; {@code mergeSchema} (default false) merges the
 * schemas of all files read instead of taking the first file's; {@code parquet.block.size} is the row group size
 * in bytes ({@link #DEFAULT_ROW_GROUP_BYTES}); {@link #FILTER_PUSHDOWN} (default true, the session's value) skips row
 * groups that a query's filters rule out; {@link #BINARY_AS_STRING} (default false, the session's value) reads
 * BINARY columns without a logical type as strings, in the inferred schema and in reads.
 */
record ParquetOptions(CompressionCodecName codec, boolean mergeSchema, long rowGroupBytes, boolean filterPushdown,
    boolean binaryAsString) {
  static final String DEFAULT_COMPRESSION = "snappy";
  /** The session option Spark names this, which the reader passes to the format among the options. */
  static final String FILTER_PUSHDOWN = "spark.sql.parquet.filterPushdown";
  /** The session option Spark names this, which the readers (batch and streaming) pass to the format. */
  static final String BINARY_AS_STRING = "spark.sql.parquet.binaryAsString";
  /** Parquet's and Spark's default row group size. */
  static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;

  static ParquetOptions of(FileOptions o) {
    String name = o.getAny(DEFAULT_COMPRESSION, "compression", "parquet.compression");
    return new ParquetOptions(codec(name), o.getBoolean("mergeSchema", false),
        o.getBytes("parquet.block.size", DEFAULT_ROW_GROUP_BYTES), o.getBoolean(FILTER_PUSHDOWN, true),
        o.getBoolean(BINARY_AS_STRING, false));
  }

  /** The codec named as Spark names them; an unknown name fails with Spark's message. */
  static CompressionCodecName codec(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "none":
      case "uncompressed":
        return CompressionCodecName.UNCOMPRESSED;
      case "snappy":
        return CompressionCodecName.SNAPPY;
      case "gzip":
        return CompressionCodecName.GZIP;
      case "zstd":
        return CompressionCodecName.ZSTD;
      case "lz4_raw":
        return CompressionCodecName.LZ4_RAW;
      default:
        throw new io.ember.core.errors.EmberIllegalArgumentException("CODEC_NOT_AVAILABLE.WITH_AVAILABLE_CODECS_SUGGESTION",
            "The codec " + name + " is not available. Available codecs are none, uncompressed, snappy, gzip, zstd,"
                + " lz4_raw. Set option(\"compression\", ...) to one of them.");
    }
  }

  /** The part-file extension Spark uses for this codec: {@code snappy.parquet}, {@code parquet} when uncompressed. */
  String extension() {
    return codec.getExtension().isEmpty() ? "parquet" : codec.getExtension().substring(1) + ".parquet";
  }
}
