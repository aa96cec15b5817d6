package io.ember.connectors.parquet;

import io.ember.connectors.file.sink.RecordWriter;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * Writes one Parquet part file: rows are buffered into row groups of {@link ParquetOptions#rowGroupBytes()} (Parquet's
 * writer flushes a row group when it reaches that size), compressed with the chosen codec, dictionary-encoded where
 * Parquet finds it pays; {@link #close()} writes the last row group and the footer and closes the stream.
 */
final class ParquetRecordWriter implements RecordWriter {
  private final ParquetWriter<BatchWriteSupport.RowRef> writer;
  private final int[] columns;
  private final BatchWriteSupport.RowRef ref = new BatchWriteSupport.RowRef();

  ParquetRecordWriter(OutputStream out, StructType schema, int[] columns, ParquetOptions options) throws IOException {
    QuietHadoop.init();
    this.columns = columns;
    BatchWriteSupport support = new BatchWriteSupport(schema.select(columns), columns, Map.of());
    this.writer = new Builder(new StreamOutputFile(out, "part file"), support)
        .withCompressionCodec(options.codec())
        .withRowGroupSize(options.rowGroupBytes())
        .withDictionaryEncoding(true)
        .build();
  }

  @Override
  public void write(Batch batch, int row, int[] columns) throws IOException {
    if (columns != this.columns && !Arrays.equals(columns, this.columns)) {
      throw new IllegalArgumentException("A Parquet part file is written with the columns it was opened with");
    }
    ref.batch = batch;
    ref.row = row;
    writer.write(ref);
  }

  @Override
  public void close() throws IOException {
    ref.batch = null;
    writer.close();
  }

  private static final class Builder extends ParquetWriter.Builder<BatchWriteSupport.RowRef, Builder> {
    private final BatchWriteSupport support;

    Builder(OutputFile file, BatchWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<BatchWriteSupport.RowRef> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
