package io.ember.connectors.file.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Lets FastCSV (which knows only RFC 4180 doubled quotes) read Spark's escaped quotes: inside a quoted
 * value, {@code <escape><quote>} becomes a doubled quote and {@code <escape><escape>} one escape
 * character. Everything else passes through unchanged. A value is quoted when the quote character opens
 * it (first character of the input, after the separator's last character or after a line break).
 */
final class EscapeTranslatingReader extends Reader {
  private final Reader in;
  private final char quote;
  private final char escape;
  private final char sepEnd;
  private final char[] src = new char[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean inside;
  private boolean fieldStart = true;
  private boolean hasPending;
  private char pending;

  EscapeTranslatingReader(Reader in, char quote, char escape, String sep) {
    this.in = in;
    this.quote = quote;
    this.escape = escape;
    this.sepEnd = sep.charAt(sep.length() - 1);
  }

  @Override
  public int read(char[] dst, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      if (hasPending) {
        dst[off + n++] = pending;
        hasPending = false;
        continue;
      }
      if (pos >= limit && !fill(0)) {
        break;
      }
      char c = src[pos];
      if (!inside) {
        if (c == quote && fieldStart) {
          inside = true;
        }
        fieldStart = c == sepEnd || c == '\n' || c == '\r';
        dst[off + n++] = c;
        pos++;
        continue;
      }
      if ((c == escape || c == quote) && pos + 1 >= limit) {
        fill(1);
      }
      char next = pos + 1 < limit ? src[pos + 1] : '\0';
      boolean hasNext = pos + 1 < limit;
      if (hasNext && next == quote && (c == escape || c == quote)) {
        dst[off + n++] = quote;
        pending = quote;
        hasPending = true;
        pos += 2;
      } else if (hasNext && c == escape && next == escape) {
        dst[off + n++] = escape;
        pos += 2;
      } else {
        if (c == quote) {
          inside = false;
          fieldStart = false;
        }
        dst[off + n++] = c;
        pos++;
      }
    }
    return n == 0 && len > 0 ? -1 : n;
  }

  /** Refills the buffer keeping the last {@code keep} unread chars; false when nothing is left. */
  private boolean fill(int keep) throws IOException {
    if (eof) {
      return pos < limit;
    }
    int remaining = limit - pos;
    System.arraycopy(src, pos, src, 0, remaining);
    pos = 0;
    limit = remaining;
    while (limit < src.length) {
      int r = in.read(src, limit, src.length - limit);
      if (r < 0) {
        eof = true;
        break;
      }
      limit += r;
      if (limit > keep) {
        break;
      }
    }
    return pos < limit;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
