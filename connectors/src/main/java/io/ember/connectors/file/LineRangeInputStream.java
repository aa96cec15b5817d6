package io.ember.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of the lines that begin inside {@code [start, end)} of a file, following the Hadoop
 * line-record convention with {@code '\n'} as the boundary: when {@code start > 0} the stream begins
 * after the first {@code '\n'} at or after {@code start - 1} (the first line starting at or after
 * {@code start}); it stops at the first line boundary at or after {@code end}, so the last line is read
 * past {@code end} to its terminator. Consecutive ranges therefore cover every line exactly once.
 *
 * <p>A {@code '\n'} inside a quoted CSV field is taken as a boundary too: CSV files with multi-line
 * values must be read unsplit (the {@code multiLine} option), as in Spark.
 */
public final class LineRangeInputStream extends InputStream {
  private static final int BUFFER = 64 * 1024;
  private final FileChannel channel;
  private final long end;
  private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
  private long pos;
  private byte last = '\n';
  private boolean done;

  /** Opens {@code path}; {@code end} may be {@link Long#MAX_VALUE} for "to the end of the file". */
  @SuppressWarnings("resource")
  public LineRangeInputStream(String path, long start, long end) throws IOException {
    this.channel = new RandomAccessFile(path, "r").getChannel();
    this.end = end;
    buf.flip();
    if (start > 0) {
      channel.position(start - 1);
      pos = start - 1;
      int b;
      do {
        b = readRaw();
      } while (b >= 0 && b != '\n');
      last = '\n';
    }
  }

  /** At the start of a file, skips a UTF-8 byte order mark if there is one. */
  public LineRangeInputStream skipUtf8Bom() throws IOException {
    if (pos == 0 && !buf.hasRemaining()) {
      buf.clear();
      channel.read(buf);
      buf.flip();
      if (buf.remaining() >= 3 && (buf.get(0) & 0xff) == 0xEF && (buf.get(1) & 0xff) == 0xBB && (buf.get(2) & 0xff) == 0xBF) {
        buf.position(3);
        pos = 3;
      }
    }
    return this;
  }

  /** The file position of the next byte this stream returns. */
  public long position() {
    return pos;
  }

  private int readRaw() throws IOException {
    if (!buf.hasRemaining()) {
      buf.clear();
      int n = channel.read(buf);
      buf.flip();
      if (n <= 0) {
        return -1;
      }
    }
    pos++;
    return buf.get() & 0xff;
  }

  private boolean atBoundary() {
    return pos >= end && last == '\n';
  }

  @Override
  public int read() throws IOException {
    if (done || atBoundary()) {
      done = true;
      return -1;
    }
    int b = readRaw();
    if (b < 0) {
      done = true;
      return -1;
    }
    last = (byte) b;
    return b;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (done || atBoundary()) {
      done = true;
      return -1;
    }
    int n = 0;
    while (n < len) {
      if (!buf.hasRemaining()) {
        if (n > 0) {
          break;
        }
        buf.clear();
        int r = channel.read(buf);
        buf.flip();
        if (r <= 0) {
          done = true;
          return n == 0 ? -1 : n;
        }
      }
      if (pos < end) {
        // bulk copy up to the range end
        int take = (int) Math.min(Math.min(len - n, buf.remaining()), end - pos);
        buf.get(dst, off + n, take);
        n += take;
        pos += take;
        last = dst[off + n - 1];
      } else {
        if (last == '\n') {
          break;
        }
        byte b = buf.get();
        pos++;
        dst[off + n++] = b;
        last = b;
      }
    }
    if (n == 0) {
      done = true;
      return -1;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
