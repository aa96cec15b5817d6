package io.ember.connectors.file.sink;

import io.ember.core.data.Batch;
import io.ember.core.data.StringVector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes the single string column as lines; a null row is an empty line, as Spark's text writer. */
final class TextRecordWriter implements RecordWriter {
  private final OutputStream out;
  private final byte[] lineSep;

  TextRecordWriter(OutputStream out, byte[] lineSep) {
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.lineSep = lineSep;
  }

  @Override
  public void write(Batch batch, int row, int[] columns) throws IOException {
    StringVector v = (StringVector) batch.column(columns[0]);
    if (!v.isNull(row)) {
      out.write(v.bytes(), v.start(row), v.byteLength(row));
    }
    out.write(lineSep);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
