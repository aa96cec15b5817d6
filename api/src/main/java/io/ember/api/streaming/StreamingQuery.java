package io.ember.api.streaming;

import io.ember.api.Session;
import java.util.Optional;
import java.util.UUID;

/**
 * The handle of a running streaming query, as Spark's {@code StreamingQuery}; returned by
 * {@link DataStreamWriter#start()} and listed by {@link StreamingQueryManager#active()}. Thread-safe.
 *
 * <p>A query runs until {@link #stop()} is called, its session stops, a task, sink or listener fails (then
 * {@link #exception()} holds the failure), or, with {@link Trigger#Once()} or {@link Trigger#AvailableNow()},
 * its sources ended.
 */
public interface StreamingQuery {
  /** The name given with {@code queryName}, or null. Unique among the session's active queries. */
  String name();

  /** The query's id; kept across restarts from a checkpoint (once checkpoints exist). */
  UUID id();

  /** The id of this run of the query. */
  UUID runId();

  /** The session the query runs in. */
  Session sparkSession();

  /** True until the query terminated (stopped, failed or ended). */
  boolean isActive();

  /** The failure that terminated the query; empty while it runs and after a stop or a normal end. */
  Optional<StreamingQueryException> exception();

  /** What the query is doing now. */
  StreamingQueryStatus status();

  /**
   * The most recent progress reports, oldest first, at most {@code spark.sql.streaming.numRecentProgressUpdates}
   * of them.
   */
  StreamingQueryProgress[] recentProgress();

  /** The latest progress report, or null before the first epoch committed. */
  StreamingQueryProgress lastProgress();

  /**
   * Blocks until the query terminated.
   *
   * @throws StreamingQueryException when it terminated with a failure
   */
  void awaitTermination();

  /**
   * Blocks until the query terminated or {@code timeoutMs} passed.
   *
   * @return whether the query terminated
   * @throws StreamingQueryException when it terminated with a failure
   * @throws io.ember.core.errors.EmberIllegalArgumentException when {@code timeoutMs} is not positive
   */
  boolean awaitTermination(long timeoutMs);

  /**
   * Blocks until everything the sources hold now is processed and committed to the sink (Spark's test helper:
   * use it with a memory stream or files, not with a source that never runs dry such as {@code rate}).
   * Returns at once when the query is no longer active.
   *
   * @throws StreamingQueryException when the query failed, before or while waiting
   */
  void processAllAvailable();

  /**
   * Stops the query and waits until its tasks stopped; output of an epoch not yet committed is discarded.
   * Does nothing when the query already terminated.
   */
  void stop();

  /** Prints the query's physical plan. */
  void explain();

  /** Prints the query's physical plan; with {@code extended}, the logical plans too. */
  void explain(boolean extended);
}
