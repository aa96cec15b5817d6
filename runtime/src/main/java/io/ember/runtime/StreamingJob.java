package io.ember.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A running streaming job, returned by {@link JobRunner#startStreaming}. Thread-safe.
 */
public interface StreamingJob {
  /**
   * Completes normally when the job stopped ({@link #stop}) or all of its sources ended and the final epoch
   * was committed; exceptionally with the error (the failing task's original exception type) when a task, a
   * sink commit or the listener failed. Every task of the job has stopped by the time it completes.
   */
  CompletableFuture<Void> termination();

  /**
   * Stops the job: no further epoch is cut, the tasks stop, output of an epoch not yet committed is aborted.
   * Blocks until every task stopped; does nothing if the job already ended.
   */
  void stop();

  /**
   * Completes once everything the streaming sources had available when this was called is processed and
   * committed (Spark's {@code processAllAvailable}): the coordinator asks every streaming source task to
   * report its next poll that finds nothing available (or its end), cuts an epoch at once (ignoring the
   * interval) when rows were emitted since the last cut, and completes the future when that epoch and any
   * no-data epoch the watermark then calls for are committed. A source whose reader holds input back for the
   * next epoch ({@code SourceReader.Status.WAITING_FOR_EPOCH}, e.g. {@code maxFilesPerTrigger} spent) is not
   * idle: meanwhile the coordinator cuts epochs at once, one after another, until it reports idle. Completes
   * exceptionally if the job fails, and normally if it stops.
   */
  CompletableFuture<Void> awaitAllAvailable();

  /** The last committed epoch, or {@code firstEpoch - 1} before the first commit. */
  long lastCommittedEpoch();
}
