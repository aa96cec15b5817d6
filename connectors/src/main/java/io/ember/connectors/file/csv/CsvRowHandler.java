package io.ember.connectors.file.csv;

import io.ember.connectors.file.Malformed;
import io.ember.connectors.file.ParseMode;
import io.ember.core.text.Temporal;
import io.ember.connectors.file.Utf8;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.StructType;

/**
 * Converts each CSV record straight into the column builders. A record is malformed when it has a
 * different number of fields than the data schema or a requested field does not convert; what happens
 * then depends on the {@link ParseMode}. Only requested columns are converted.
 */
final class CsvRowHandler extends CsvFields {
  private final CsvOptions o;
  private final int tokenCount;
  private final int[] tokenOfColumn;
  private final FieldConverter[] converters;
  private final String path;
  private final long splitStart;
  private VectorBuilder[] builders;
  boolean headerPending;
  boolean skipping;
  long consumed;
  int rows;

  /**
   * @param dataSchema the file columns, possibly including the corrupt-record column at {@code corruptIndex} (or -1)
   * @param columns the data schema indices to produce, in builder order
   */
  CsvRowHandler(CsvOptions o, StructType dataSchema, int corruptIndex, int[] columns, Temporal temporal,
      String path, long splitStart) {
    this.o = o;
    this.tokenCount = dataSchema.size() - (corruptIndex >= 0 ? 1 : 0);
    this.tokenOfColumn = new int[columns.length];
    this.converters = new FieldConverter[columns.length];
    Utf8 utf8 = new Utf8();
    for (int j = 0; j < columns.length; j++) {
      int c = columns[j];
      if (c == corruptIndex) {
        tokenOfColumn[j] = -1;
      } else {
        tokenOfColumn[j] = corruptIndex >= 0 && c > corruptIndex ? c - 1 : c;
        converters[j] = FieldConverter.forType(dataSchema.field(c).dataType(), o, temporal, utf8);
      }
    }
    this.path = path;
    this.splitStart = splitStart;
  }

  void setBuilders(VectorBuilder[] builders) {
    this.builders = builders;
    this.rows = 0;
  }

  @Override
  void onRecord() {
    if (headerPending) {
      headerPending = false;
      return;
    }
    consumed++;
    if (skipping) {
      return;
    }
    String reason = count == tokenCount ? null : "expected " + tokenCount + " fields but found " + count;
    for (int j = 0; j < converters.length; j++) {
      FieldConverter conv = converters[j];
      if (conv == null) {
        continue;
      }
      int t = tokenOfColumn[j];
      if (t >= count) {
        conv.setNull();
      } else if (!convert(conv, t) && reason == null) {
        reason = "cannot convert '" + field(t) + "' for column " + (t + 1);
      }
    }
    if (reason != null) {
      if (o.mode() == ParseMode.FAILFAST) {
        String where = splitStart == 0 ? "line " + line : "line " + line + " after byte " + splitStart;
        throw Malformed.failFast(raw(o.sep(), o.quote()), path, where, reason);
      }
      if (o.mode() == ParseMode.DROPMALFORMED) {
        return;
      }
    }
    for (int j = 0; j < converters.length; j++) {
      if (converters[j] != null) {
        converters[j].append(builders[j]);
      } else if (reason != null) {
        ((VectorBuilder.Strings) builders[j]).appendString(raw(o.sep(), o.quote()));
      } else {
        builders[j].appendNull();
      }
    }
    rows++;
  }

  /** Applies trimming and the null/empty rules, then parses; false when the value does not convert. */
  private boolean convert(FieldConverter conv, int t) {
    int off = starts[t];
    int len = lengths[t];
    if (!quoted[t]) {
      if (o.ignoreLeadingWhiteSpace()) {
        while (len > 0 && chars[off] <= ' ') {
          off++;
          len--;
        }
      }
      if (o.ignoreTrailingWhiteSpace()) {
        while (len > 0 && chars[off + len - 1] <= ' ') {
          len--;
        }
      }
      if (len == 0) {
        conv.setNull();
        return true;
      }
    } else if (len == 0) {
      String empty = o.emptyValue();
      if (empty.equals(o.nullValue())) {
        conv.setNull();
        return true;
      }
      if (conv instanceof FieldConverter.Str s) {
        s.setText(empty);
        return true;
      }
      char[] e = empty.toCharArray();
      if (!conv.parse(e, 0, e.length)) {
        conv.setNull();
        return false;
      }
      return true;
    }
    if (CharNumbers.equals(chars, off, len, o.nullValue())) {
      conv.setNull();
      return true;
    }
    if (!conv.parse(chars, off, len)) {
      conv.setNull();
      return false;
    }
    return true;
  }
}
