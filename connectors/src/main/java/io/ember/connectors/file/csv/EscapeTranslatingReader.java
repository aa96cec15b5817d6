package io.ember.connectors.file.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Lets FastCSV (which knows only RFC 4180 doubled quotes) read Spark's escaped quotes: inside a quoted
 * value, {@code <escape><quote>} becomes a doubled quote and {@code <escape><escape>} one escape
 * character (when the escape differs from the quote). A line feed outside quotes is passed on as CRLF, which
 * FastCSV reads reliably after a quoted value ending in a lone CR. Everything else passes through
 * unchanged. A value is quoted when the quote character opens it (first character of the input, after
 * the separator's last character or after a line break).
 */
final class EscapeTranslatingReader extends Reader {
  private final Reader in;
  private final char quote;
  private final char escape;
  private final char sepEnd;
  private final boolean escapes;
  private final char[] src = new char[64 * 1024];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean inside;
  private boolean fieldStart = true;
  private char last;
  private boolean hasPending;
  private char pending;

  EscapeTranslatingReader(Reader in, char quote, char escape, String sep) {
    this.in = in;
    this.quote = quote;
    this.escape = escape;
    this.sepEnd = sep.charAt(sep.length() - 1);
    this.escapes = escape != '\0' && escape != quote;
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
      int end = Math.min(limit, pos + (len - n));
      int i = pos;
      if (!inside) {
        while (i < end && src[i] != quote && src[i] != '\n') {
          i++;
        }
        if (i < end && src[i] == '\n') {
          n += copy(dst, off + n, i);
          if (last != '\r') {
            // a record break written as CRLF: FastCSV mis-reads a quoted CR that ends a LF-terminated record
            dst[off + n++] = '\r';
            pending = '\n';
            hasPending = true;
          } else {
            dst[off + n++] = '\n';
          }
          pos++;
          last = '\n';
          fieldStart = false;
          continue;
        }
        boolean opens = i < end && isFieldStart(i > pos ? src[i - 1] : last, i == 0 && pos == 0 && fieldStart);
        if (i < end) {
          i++; // the quote itself passes through
        }
        n += copy(dst, off + n, i);
        if (opens) {
          inside = true;
        }
        fieldStart = false;
        continue;
      }
      while (i < end && (src[i] != escape || !escapes) && src[i] != quote) {
        i++;
      }
      n += copy(dst, off + n, i);
      if (i < end) {
        n += special(dst, off + n);
      }
    }
    return n == 0 && len > 0 ? -1 : n;
  }

  private boolean isFieldStart(char previous, boolean atStart) {
    return atStart || previous == sepEnd || previous == '\n' || previous == '\r';
  }

  private int copy(char[] dst, int at, int to) {
    int count = to - pos;
    if (count > 0) {
      System.arraycopy(src, pos, dst, at, count);
      last = src[to - 1];
      pos = to;
    }
    return count;
  }

  /** Handles the escape or quote at {@code pos} inside a quoted value; returns the chars written. */
  private int special(char[] dst, int at) throws IOException {
    char c = src[pos];
    if (pos + 1 >= limit) {
      fill(1);
    }
    boolean hasNext = pos + 1 < limit;
    char next = hasNext ? src[pos + 1] : '\0';
    if (hasNext && next == quote && (c == quote || escapes)) {
      dst[at] = quote;
      pending = quote;
      hasPending = true;
      pos += 2;
      last = quote;
    } else if (hasNext && escapes && c == escape && next == escape) {
      dst[at] = escape;
      pos += 2;
      last = escape;
    } else {
      if (c == quote) {
        inside = false;
      }
      dst[at] = c;
      pos++;
      last = c;
    }
    return 1;
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
