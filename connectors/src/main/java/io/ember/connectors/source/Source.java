package io.ember.connectors.source;

import io.ember.core.types.StructType;
import java.util.List;

/**
 * The blueprint of a source: its schema, how its input divides into {@link SourceSplit}s, and how to read
 * splits. Immutable and shared; the runtime calls {@link #createReader} once per source task.
 *
 * <p>A bounded source (files, a table) ends: its readers eventually report {@link SourceReader.Status#END_OF_INPUT}.
 * An unbounded one (a growing directory, a socket, a rate generator) does not. The same runtime serves both.
 */
public interface Source {
  /** The schema of every batch the readers emit. */
  StructType schema();

  /** True when the input ends (batch reads); false for streams. */
  boolean isBounded();

  /**
   * True when a reader restored to an offset re-reads exactly the same rows from there (files, memory,
   * rate). False (a socket) means recovery cannot replay lost input: exactly-once does not hold.
   */
  default boolean isReplayable() {
    return true;
  }

  /**
   * The number of reader tasks this source must run with (a socket or a directory listing: 1; a rate source:
   * its {@code numPartitions}), or 0 when the planner chooses.
   */
  default int fixedParallelism() {
    return 0;
  }

  /**
   * Divides the input known now into splits, aiming for about {@code parallelismHint} per reader task
   * or more. Splits are values (records) so that they can be assigned, printed and snapshotted.
   */
  List<SourceSplit> planSplits(int parallelismHint);

  /** A reader over {@code splits} (possibly none), not yet polled. Opens no file until the first poll. */
  SourceReader createReader(List<SourceSplit> splits, ReaderContext context);

  /** One line for {@code explain()}, e.g. {@code FileScan csv [/data/events.csv] schema=...}. */
  String explain();
}
