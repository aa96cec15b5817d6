package io.ember.connectors.file.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineRangeInputStream;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads one CSV split with FastCSV; a record is a CSV record (the header is not counted). */
final class CsvSplitReader implements io.ember.connectors.file.SplitReader {
  private final CsvRowHandler handler;
  private final CsvReader<Object> reader;
  private final CloseableIterator<Object> records;
  private final String path;

  CsvSplitReader(CsvOptions o, FileSplit split, boolean splittable, CsvRowHandler handler) throws IOException {
    this.handler = handler;
    this.path = split.path();
    LineRangeInputStream in = new LineRangeInputStream(split.path(), split.start(), splittable ? split.end() : Long.MAX_VALUE);
    if (split.start() == 0) {
      in.skipUtf8Bom();
    }
    handler.headerPending = o.header() && split.start() == 0;
    this.reader = CsvFormat.readerBuilder(o).build(handler, CsvFormat.chars(in, o));
    this.records = reader.iterator();
  }

  /**
   * Continues a split from a line start: {@code in} holds the rest of the split's bytes, the handler's state
   * (header pending, records consumed, rows of the current read, line offset) is kept as it is.
   */
  CsvSplitReader(CsvOptions o, java.io.InputStream in, String path, CsvRowHandler handler) {
    this.handler = handler;
    this.path = path;
    this.reader = CsvFormat.readerBuilder(o).build(handler, CsvFormat.chars(in, o));
    this.records = reader.iterator();
  }

  @Override
  public int read(VectorBuilder[] builders, int maxRows) throws IOException {
    handler.setBuilders(builders);
    return readMore(maxRows);
  }

  /** Reads records until the handler holds {@code maxRows} rows of the current read or the split ends. */
  int readMore(int maxRows) {
    try {
      while (handler.rows < maxRows && records.hasNext()) {
        records.next();
      }
    } catch (CsvParseException | UncheckedIOException e) {
      throw unwrap(e);
    }
    return handler.rows;
  }

  private RuntimeException unwrap(RuntimeException e) {
    Throwable c = e.getCause();
    if (c instanceof EmberException ee) {
      return ee;
    }
    return new EmberRuntimeException("FILE_READ_FAILED", "Cannot read " + path + ": " + e.getMessage(), e);
  }

  @Override
  public long consumed() {
    return handler.consumed;
  }

  @Override
  public void skip(long count) {
    handler.skipping = true;
    try {
      while (handler.consumed < count && records.hasNext()) {
        records.next();
      }
    } catch (CsvParseException | UncheckedIOException e) {
      throw unwrap(e);
    } finally {
      handler.skipping = false;
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
