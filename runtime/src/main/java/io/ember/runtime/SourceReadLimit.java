package io.ember.runtime;

/**
 * How much a streaming source task reads at most between two barriers (see {@link StreamingSettings#maxRowsPerEpoch()}):
 * once the rows it emitted since its last barrier (since it started, before its first) reached {@code maxRows} (the
 * batch that reaches it is emitted whole), or it has read for {@code maxNanos} since then, it stops polling its reader
 * and holds the rest of its input for the next epoch. A zero bound is no bound. Without a limit a source task with a backlog reads as fast as its output's credits allow until the next
 * barrier, which the coordinator cuts only after the epoch in flight committed: a source whose rows are absorbed
 * on the way (a partial aggregate) or a slow stage would then put most of a backlog into one epoch.
 *
 * @param maxRows the rows a source task emits at most per epoch; 0 for no limit
 * @param maxNanos how long a source task reads at most per epoch; 0 for no limit
 */
public record SourceReadLimit(long maxRows, long maxNanos) {
  /** No limit: the task reads until the next barrier. */
  public static final SourceReadLimit NONE = new SourceReadLimit(0, 0);

  public SourceReadLimit {
    if (maxRows < 0 || maxNanos < 0) {
      throw new IllegalArgumentException("maxRows and maxNanos must not be negative, got " + maxRows + ", " + maxNanos);
    }
  }

  /**
   * True when a task that emitted {@code rows} rows and read for {@code nanos} since its last barrier has read its
   * share of the epoch.
   */
  public boolean reached(long rows, long nanos) {
    return (maxRows > 0 && rows >= maxRows) || (maxNanos > 0 && nanos >= maxNanos);
  }
}
