package io.ember.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding. The default separator ends a line at {@code \n},
 * {@code \r\n} or {@code \r}; a custom separator ({@code lineSep}) is matched as a byte sequence. The
 * terminator is not part of the line. {@link #line()} is valid until the next {@link #next()}.
 */
public final class LineReader implements AutoCloseable {
  private final InputStream in;
  private final byte[] sep;
  private byte[] buf = new byte[64 * 1024];
  private int start;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[1024];
  private int lineLength;

  /** @param separator the line separator bytes, or null for the default ({@code \n}, {@code \r\n}, {@code \r}) */
  public LineReader(InputStream in, byte[] separator) {
    this.in = in;
    this.sep = separator == null || separator.length == 0 ? null : separator;
  }

  public byte[] line() {
    return line;
  }

  public int length() {
    return lineLength;
  }

  /** Reads the next line; false at the end of the stream. A final line without terminator counts. */
  public boolean next() throws IOException {
    lineLength = 0;
    boolean any = false;
    while (true) {
      if (start >= limit && !fill()) {
        return any;
      }
      any = true;
      if (sep == null) {
        for (int i = start; i < limit; i++) {
          byte b = buf[i];
          if (b == '\n' || b == '\r') {
            append(start, i - start);
            start = i + 1;
            if (b == '\r') {
              if (start >= limit) {
                fill();
              }
              if (start < limit && buf[start] == '\n') {
                start++;
              }
            }
            return true;
          }
        }
        append(start, limit - start);
        start = limit;
      } else if (scanCustom()) {
        return true;
      }
    }
  }

  private boolean scanCustom() throws IOException {
    for (int i = start; i <= limit - sep.length; i++) {
      if (buf[i] == sep[0] && Arrays.equals(buf, i, i + sep.length, sep, 0, sep.length)) {
        append(start, i - start);
        start = i + sep.length;
        return true;
      }
    }
    if (eof) {
      append(start, limit - start);
      start = limit;
      return false;
    }
    // keep the last bytes in view: a separator may continue in the next read
    int keep = Math.min(sep.length - 1, limit - start);
    append(start, limit - start - keep);
    start = limit - keep;
    fill();
    return false;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return start < limit;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, limit - start);
      limit -= start;
      start = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return start < limit;
    }
    limit += n;
    return true;
  }

  private void append(int from, int len) {
    if (len <= 0) {
      return;
    }
    if (lineLength + len > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLength + len, line.length * 2));
    }
    System.arraycopy(buf, from, line, lineLength, len);
    lineLength += len;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
