package io.ember.connectors.file;

import io.ember.connectors.source.SourceSplit;

/**
 * Bytes {@code [start, start + length)} of file number {@code fileIndex} of a file source. Line-based
 * formats read the records (lines) that begin inside the range: a split not at offset 0 skips to the
 * first line starting at or after {@code start}, and the last line is read past the end to its terminator.
 */
public record FileSplit(int fileIndex, String path, long start, long length) implements SourceSplit {
  @Override
  public String splitId() {
    return path + ":" + start + "+" + length;
  }

  public long end() {
    return start + length;
  }
}
