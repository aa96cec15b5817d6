package io.ember.connectors.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a stream the file sink already opened (its staged part file), counting the
 * position Parquet records in the footer. It can be created once; closing the Parquet stream closes {@code out}.
 */
final class StreamOutputFile implements OutputFile {
  private final OutputStream out;
  private final String name;
  private boolean created;

  StreamOutputFile(OutputStream out, String name) {
    this.out = out;
    this.name = name;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    if (created) {
      throw new IOException(name + " was already created");
    }
    created = true;
    return new PositionOutputStream() {
      private long pos;

      @Override
      public long getPos() {
        return pos;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        pos++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        pos += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return name;
  }
}
