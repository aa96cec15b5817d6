package io.ember.connectors.parquet;

import io.ember.connectors.spi.DataSourceProvider;
import io.ember.connectors.spi.FileFormatSupport;

/**
 * The {@code parquet} format, found through {@link java.util.ServiceLoader}: a file format ({@link #fileFormat()}), so
 * {@code spark.read.parquet(paths)}, {@code df.write.parquet(path)} with save modes and {@code partitionBy}, and the
 * streaming file source and sink all work as for csv and json. See {@link ParquetSchemas} for the types and
 * {@link ParquetOptions} for the options.
 */
public final class ParquetProvider implements DataSourceProvider {
  @Override
  public String shortName() {
    return "parquet";
  }

  @Override
  public FileFormatSupport fileFormat() {
    return ParquetFormat.INSTANCE;
  }
}
