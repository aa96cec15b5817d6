package io.ember.connectors.file;

import java.io.IOException;

/** The format-specific half of a file source (CSV, JSON lines, text): immutable, shared by readers. */
public interface FileFormatReader {
  /** {@code csv}, {@code json} or {@code text}. */
  String name();

  /** Whether a file may be read in byte ranges (false for multiLine / wholetext / custom separators). */
  boolean isSplittable();

  /** Opens a reader over {@code split}; the file is opened here. */
  SplitReader open(FileSplit split, ReadRequest request) throws IOException;
}
