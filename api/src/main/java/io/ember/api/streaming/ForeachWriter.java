package io.ember.api.streaming;

import java.io.Serializable;

/**
 * Custom per-row output of a streaming query: {@code df.writeStream().foreach(writer)}, as Spark's
 * {@code ForeachWriter}. The writer must be {@link Serializable}: the object given to {@code foreach} is
 * never called itself; every partition of every epoch gets its own deserialized copy, so fields set while
 * processing are private to that partition and epoch, and a resource (a connection) should be opened in
 * {@link #open} rather than in the constructor.
 *
 * <p>For each partition of each epoch (Spark's micro-batch) the calls on its copy are, on one thread:
 * <ol>
 *   <li>{@link #open}{@code (partitionId, epochId)}; if it returns false the partition's rows are skipped;
 *   <li>{@link #process} for each row of the partition in the epoch, as the rows arrive (before the epoch
 *       is committed); only if {@code open} returned true;
 *   <li>{@link #close}{@code (null)} when the partition's part of the epoch is finished, or
 *       {@code close(error)} with the error that stopped it.
 * </ol>
 * {@code close} is called whatever {@code open} returned, except when {@code open} threw or the process
 * died without an exception. An exception thrown by any method fails the query.
 *
 * <p>The pair {@code (partitionId, epochId)} identifies a partition's output: when a failed query restarts
 * and replays an epoch, the same pair arrives with the same rows, so a writer that records the pairs it
 * committed can skip a replay in {@code open} and get exactly-once output.
 *
 * @param <T> the row type, {@code io.ember.core.data.Row}
 */
public abstract class ForeachWriter<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Starts processing partition {@code partitionId} of epoch {@code epochId}.
   *
   * @return whether to process the partition's rows of this epoch
   */
  public abstract boolean open(long partitionId, long epochId);

  /** Processes one row; called only after {@link #open} returned true. */
  public abstract void process(T value);

  /**
   * Ends the partition's part of the epoch.
   *
   * @param errorOrNull the error that stopped processing, null when every row was processed
   */
  public abstract void close(Throwable errorOrNull);
}
