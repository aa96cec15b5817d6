package io.ember.connectors.file.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.Arrays;

/**
 * A FastCSV callback that keeps the current record's fields as slices of one char buffer, so that
 * subclasses convert them without creating strings. The buffer is reused for every record.
 */
abstract class CsvFields extends AbstractBaseCsvCallbackHandler<Object> {
  /** What {@link #buildRecord()} returns for every record: the work is done in {@link #onRecord()}. */
  static final Object DONE = new Object();

  char[] chars = new char[1024];
  int[] starts = new int[16];
  int[] lengths = new int[16];
  boolean[] quoted = new boolean[16];
  int count;
  private int used;
  long line;
  /** Added to FastCSV's line numbers: the lines read before FastCSV took over (see {@link UnquotedCsvSplitReader}). */
  long lineOffset;

  @Override
  protected void handleBegin(long startingLineNumber) {
    count = 0;
    used = 0;
    line = startingLineNumber + lineOffset;
  }

  /**
   * Makes the UTF-8 bytes {@code [from, to)} of one line (no line break, no quote character) the current
   * record: decoded, split at {@code sep}, no field quoted; what FastCSV would hand over for that line.
   */
  final void unquotedLine(byte[] bytes, int from, int to, char sep, long lineNumber) {
    line = lineNumber;
    count = 0;
    int len = to - from;
    if (chars.length < len) {
      chars = new char[Math.max(len, chars.length * 2)];
    }
    char[] c = chars;
    int start = 0;
    for (int i = 0; i < len; i++) {
      byte b = bytes[from + i];
      if (b < 0) {
        decodedLine(new String(bytes, from, len, java.nio.charset.StandardCharsets.UTF_8), sep);
        return;
      }
      c[i] = (char) b;
      if (b == sep) {
        addField(start, i - start);
        start = i + 1;
      }
    }
    addField(start, len - start);
    used = len;
  }

  private void decodedLine(String text, char sep) {
    count = 0;
    int len = text.length();
    if (chars.length < len) {
      chars = new char[Math.max(len, chars.length * 2)];
    }
    text.getChars(0, len, chars, 0);
    int start = 0;
    for (int i = 0; i < len; i++) {
      if (chars[i] == sep) {
        addField(start, i - start);
        start = i + 1;
      }
    }
    addField(start, len - start);
    used = len;
  }

  private void addField(int start, int len) {
    if (count == starts.length) {
      int n = count * 2;
      starts = Arrays.copyOf(starts, n);
      lengths = Arrays.copyOf(lengths, n);
      quoted = Arrays.copyOf(quoted, n);
    }
    starts[count] = start;
    lengths[count] = len;
    quoted[count] = false;
    count++;
  }

  @Override
  protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean isQuoted) {
    if (count == starts.length) {
      int n = count * 2;
      starts = Arrays.copyOf(starts, n);
      lengths = Arrays.copyOf(lengths, n);
      quoted = Arrays.copyOf(quoted, n);
    }
    if (used + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(used + len, chars.length * 2));
    }
    System.arraycopy(buf, offset, chars, used, len);
    starts[count] = used;
    lengths[count] = len;
    quoted[count] = isQuoted;
    used += len;
    count++;
  }

  @Override
  protected final Object buildRecord() {
    if (getRecordType() == RecordType.DATA) {
      onRecord();
    }
    return DONE;
  }

  /** Called once per data record (not for comments or empty lines) with the fields in place. */
  abstract void onRecord();

  String field(int i) {
    return new String(chars, starts[i], lengths[i]);
  }

  /** The record as text: fields joined by the separator, quoted ones re-quoted with doubled quotes. */
  String raw(String sep, char quote) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        sb.append(sep);
      }
      if (quoted[i]) {
        sb.append(quote);
        for (int k = starts[i]; k < starts[i] + lengths[i]; k++) {
          char c = chars[k];
          if (c == quote) {
            sb.append(quote);
          }
          sb.append(c);
        }
        sb.append(quote);
      } else {
        sb.append(chars, starts[i], lengths[i]);
      }
    }
    return sb.toString();
  }
}
