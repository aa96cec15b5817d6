package io.ember.runtime;

import java.time.Duration;

/**
 * How a streaming job cuts epochs.
 *
 * <p>The coordinator cuts epoch {@code N + 1} once epoch {@code N} is committed, at least
 * {@code epochInterval} after epoch {@code N} was cut, and only when there is something to do: a source
 * emitted rows since the last barrier, or the watermark advanced while the job holds event-time state (Spark's
 * no-data batch). With {@code cutOnClock} false (Spark's {@code Trigger.Once}) no epoch is cut until every
 * source ended; the job then has one epoch. When every source ended (bounded inputs, {@code AvailableNow})
 * the coordinator cuts a final epoch, commits it, and the job completes.
 *
 * @param epochInterval the shortest time between two epoch cuts ({@code Trigger.ProcessingTime}, or the
 *     session's {@code ember.streaming.epochInterval} for the default trigger)
 * @param cutOnClock false to cut only the final epoch
 * @param firstEpoch the id of the first epoch (0 for a new query; the next id when resuming)
 * @param checkpoint how the job checkpoints its epochs and what it resumes from; null for no checkpoints (then no
 *     task snapshots its state)
 * @param maxTaskFailures how many task failures a checkpointed job recovers from (each recovery stops every task,
 *     aborts the epoch in flight and redeploys the tasks from the last complete epoch); the failure after that
 *     fails the job with its error. 0 fails the job at its first task failure, as does a job without checkpoints.
 */
public record StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
    StreamingCheckpoint checkpoint, int maxTaskFailures) {
  /** The default of {@link #maxTaskFailures()}. */
  public static final int DEFAULT_MAX_TASK_FAILURES = 4;

  /** Settings without checkpoints. */
  public StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch) {
    this(epochInterval, cutOnClock, firstEpoch, null);
  }

  /** Settings recovering from at most {@link #DEFAULT_MAX_TASK_FAILURES} task failures. */
  public StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
      StreamingCheckpoint checkpoint) {
    this(epochInterval, cutOnClock, firstEpoch, checkpoint, DEFAULT_MAX_TASK_FAILURES);
  }

  public StreamingSettings {
    if (epochInterval.isNegative()) {
      throw new IllegalArgumentException("epochInterval must not be negative, got " + epochInterval);
    }
    if (firstEpoch < 0) {
      throw new IllegalArgumentException("firstEpoch must not be negative, got " + firstEpoch);
    }
    if (maxTaskFailures < 0) {
      throw new IllegalArgumentException("maxTaskFailures must not be negative, got " + maxTaskFailures);
    }
    if (checkpoint != null && checkpoint.restoreFrom() != null && firstEpoch != checkpoint.firstEpoch()) {
      throw new IllegalArgumentException("A job resuming from epoch " + checkpoint.restoreFrom().epoch()
          + " starts at epoch " + checkpoint.firstEpoch() + ", not " + firstEpoch);
    }
  }
}
