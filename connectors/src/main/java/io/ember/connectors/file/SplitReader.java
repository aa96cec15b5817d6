package io.ember.connectors.file;

import io.ember.core.data.VectorBuilder;
import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the records of one {@link FileSplit} into column builders. A record is the format's unit of
 * input (a CSV record, a line); {@link #consumed()} counts the records read so far, including dropped
 * and malformed ones, so that {@link #skip} on a freshly opened reader resumes exactly after them.
 * Used by one thread.
 */
public interface SplitReader extends Closeable {
  /**
   * Appends at most {@code maxRows} rows to {@code builders} (one per requested column, see
   * {@link ReadRequest#columns()}) and returns how many it appended; fewer than {@code maxRows} only when
   * the split has no more records.
   */
  int read(VectorBuilder[] builders, int maxRows) throws IOException;

  /** Records read (or skipped) so far. */
  long consumed();

  /** Reads and discards {@code records} records; called before the first {@link #read}. */
  void skip(long records) throws IOException;
}
