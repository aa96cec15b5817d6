package io.ember.connectors.source;

/** A piece of a source's input that one reader reads from start to end, e.g. a byte range of a file. */
public interface SourceSplit {
  /** A stable id, unique within the source, used to key the split's offset in snapshots. */
  String splitId();
}
