package io.ember.connectors.file.csv;

import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineRangeInputStream;
import io.ember.connectors.file.SplitReader;
import io.ember.core.data.VectorBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one CSV split straight from its UTF-8 bytes while its lines hold no quote character and no carriage
 * return: each line is split at the (single ASCII) separator and handed to the {@link CsvRowHandler} as FastCSV
 * would hand it over, without decoding the split to characters, translating escapes or running FastCSV's
 * parser. Empty lines are skipped, as FastCSV skips them. At the first line with a quote character or a
 * carriage return the rest of the split, from that line's start, goes to a {@link CsvSplitReader}, whose
 * records and line numbers continue where this reader stopped, so the results are FastCSV's throughout.
 *
 * <p>Only for the options {@link #supports} accepts. Used by one thread.
 */
final class UnquotedCsvSplitReader implements SplitReader {
  private static final int BUFFER = 256 * 1024;
  /** What {@link #lineEnd} returns for a line that holds a quote character or a carriage return. */
  private static final int QUOTED = -2;

  private final CsvOptions options;
  private final CsvRowHandler handler;
  private final LineRangeInputStream in;
  private final String path;
  private final char sep;
  private final byte quote;
  private byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  /** Lines read so far (the number of the last line read). */
  private long lines;
  private CsvSplitReader rest;

  UnquotedCsvSplitReader(CsvOptions o, FileSplit split, boolean splittable, CsvRowHandler handler) throws IOException {
    this.options = o;
    this.handler = handler;
    this.path = split.path();
    this.sep = o.sep().charAt(0);
    this.quote = (byte) (o.quote() == '\0' ? '\u0001' : o.quote());
    this.in = new LineRangeInputStream(split.path(), split.start(), splittable ? split.end() : Long.MAX_VALUE);
    if (split.start() == 0) {
      in.skipUtf8Bom();
    }
    handler.headerPending = o.header() && split.start() == 0;
  }

  /**
   * Whether the options allow reading bytes directly: UTF-8, a one-character ASCII separator that is not a
   * line break, an ASCII quote character (or none), no comment character and no multi-line values.
   */
  static boolean supports(CsvOptions o) {
    String sep = o.sep();
    return o.charset().equals(StandardCharsets.UTF_8)
        && sep.length() == 1 && sep.charAt(0) < 0x80 && sep.charAt(0) != '\n' && sep.charAt(0) != '\r'
        && o.quote() < 0x80 && o.quote() != '\n' && o.quote() != '\r'
        && o.comment() == '\0'
        && !o.multiLine();
  }

  @Override
  public int read(VectorBuilder[] builders, int maxRows) throws IOException {
    if (rest != null) {
      return rest.read(builders, maxRows);
    }
    handler.setBuilders(builders);
    while (handler.rows < maxRows) {
      if (!nextLine()) {
        return rest != null ? rest.readMore(maxRows) : handler.rows;
      }
    }
    return handler.rows;
  }

  @Override
  public long consumed() {
    return handler.consumed;
  }

  @Override
  public void skip(long count) throws IOException {
    handler.skipping = true;
    try {
      while (handler.consumed < count) {
        if (!nextLine()) {
          if (rest != null) {
            rest.skip(count);
          }
          return;
        }
      }
    } finally {
      handler.skipping = false;
    }
  }

  /**
   * Hands the next non-empty line to the handler; false at the end of the split or when the rest of it was
   * given to {@link #rest}.
   */
  private boolean nextLine() throws IOException {
    while (true) {
      int end = lineEnd();
      if (end == QUOTED) {
        handOver();
        return false;
      }
      if (end < 0) {
        return false;
      }
      int from = pos;
      int to = end;
      pos = end < limit ? end + 1 : end;
      lines++;
      if (to > from) {
        handler.unquotedLine(buf, from, to, sep, lines);
        handler.onRecord();
        return true;
      }
    }
  }

  /**
   * The index of the line feed that ends the line at {@code pos} (or {@code limit} for a last line without
   * one), refilling the buffer as needed; -1 when no bytes are left; {@link #QUOTED} when the line holds a
   * quote character or a carriage return before its end.
   */
  private int lineEnd() throws IOException {
    int scanned = pos;
    byte q = quote;
    while (true) {
      byte[] b = buf;
      for (int i = scanned; i < limit; i++) {
        byte c = b[i];
        if (c == '\n') {
          return i;
        }
        if (c == q || c == '\r') {
          return QUOTED;
        }
      }
      scanned = limit;
      if (eof) {
        return pos < limit ? limit : -1;
      }
      scanned -= pos;
      fill();
    }
  }

  /** Moves the unread bytes to the buffer's start (growing it for a line longer than the buffer) and reads more. */
  private void fill() throws IOException {
    int unread = limit - pos;
    if (unread == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, unread);
    }
    pos = 0;
    limit = unread;
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** Gives the split's remaining bytes, from the current line's start, to FastCSV. */
  private void handOver() {
    InputStream remaining = new SequenceInputStream(new ByteArrayInputStream(buf, pos, limit - pos), in);
    handler.lineOffset = lines;
    rest = new CsvSplitReader(options, remaining, path, handler);
  }

  @Override
  public void close() throws IOException {
    if (rest != null) {
      rest.close();
    } else {
      in.close();
    }
  }
}
