package io.ember.connectors.file.sink;

import io.ember.core.text.TextValues;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.csv.CsvOptions;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes CSV with FastCSV as Spark does: values quoted only when needed ({@code quoteAll} to quote all),
 * quotes inside values doubled, a value holding the escape character quoted with that character doubled,
 * empty strings as {@code ""}, nulls as {@code nullValue}, values trimmed unless
 * {@code ignoreLeadingWhiteSpace}/{@code ignoreTrailingWhiteSpace} are false, a header line when
 * {@code header}.
 */
final class CsvRecordWriter implements RecordWriter {
  private final CsvWriter writer;
  private final CsvOptions o;
  private final TextValues values;
  private final List<String> fields = new ArrayList<>();
  private final boolean escapes;

  CsvRecordWriter(OutputStream out, CsvOptions o, TextValues values, StructType schema, int[] columns) throws IOException {
    this.o = o;
    this.values = values;
    if (o.sep().length() != 1) {
      throw FileOptions.invalid("sep", o.sep(), "a single character when writing CSV");
    }
    this.escapes = o.escape() != '\0' && o.escape() != o.quote() && o.quote() != '\0';
    QuoteStrategy quoting = new QuoteStrategy() {
      @Override
      public boolean quoteEmpty(int lineNo, int fieldIdx) {
        return true;
      }

      @Override
      public boolean quoteValue(int lineNo, int fieldIdx, String value) {
        return o.quoteAll() || (escapes && value.indexOf(o.escape()) >= 0);
      }
    };
    this.writer = CsvWriter.builder()
        .fieldSeparator(o.sep().charAt(0))
        .quoteCharacter(o.quote() == '\0' ? '"' : o.quote())
        .quoteStrategy(quoting)
        .lineDelimiter(o.lineSep() == null ? LineDelimiter.LF : LineDelimiter.of(o.lineSep()))
        .build(out, o.charset());
    if (o.header()) {
      List<String> names = new ArrayList<>();
      for (int c : columns) {
        names.add(schema.field(c).name());
      }
      writer.writeRecord(names);
    }
  }

  @Override
  public void write(Batch batch, int row, int[] columns) {
    fields.clear();
    for (int c : columns) {
      ColumnVector v = batch.column(c);
      if (v.isNull(row)) {
        fields.add(o.nullValue().isEmpty() ? null : o.nullValue());
        continue;
      }
      String s = values.text(v, row);
      if (o.ignoreLeadingWhiteSpace()) {
        s = s.stripLeading();
      }
      if (o.ignoreTrailingWhiteSpace()) {
        s = s.stripTrailing();
      }
      if (escapes && s.indexOf(o.escape()) >= 0) {
        // the value is quoted; the reader turns a doubled escape back into one
        s = s.replace(String.valueOf(o.escape()), String.valueOf(o.escape()) + o.escape());
      }
      fields.add(s);
    }
    writer.writeRecord(fields);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
