package io.ember.connectors.file.sink;

import io.ember.core.data.Batch;
import java.io.Closeable;
import java.io.IOException;

/** Writes rows of one part file in one format. Used by one thread; {@link #close()} flushes. */
public interface RecordWriter extends Closeable {
  /** Writes row {@code row} of {@code batch}, only the columns {@code columns}, in that order. */
  void write(Batch batch, int row, int[] columns) throws IOException;
}
