package io.ember.runtime;

import java.time.Duration;

/**
 * How a streaming job cuts and checkpoints epochs.
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
 * @param checkpoint the job's checkpoint location and what it resumes from; null for a job whose checkpoints stay
 *     in memory only (every job snapshots its tasks into its runtime's replica store)
 * @param maxTaskFailures how many task failures the job recovers from (each recovery restarts the failed tasks and
 *     rolls the others back to the last complete epoch); the failure after that fails the job with its error. 0
 *     fails the job at its first task failure. A failure is a task's error or a task actor that stopped; the
 *     failures that happen before the recovery they cause begins count as one.
 * @param checkpointInterval the shortest time between two checkpointed epochs ({@code
 *     ember.streaming.checkpointInterval}); zero checkpoints every epoch. Epochs cut in between are not snapshotted,
 *     and their sinks commit them only together with the next checkpointed epoch (so that a recovery, which replays
 *     from the last checkpointed epoch, never replays a committed epoch): output waits up to this long. The final
 *     epoch, and an epoch cut while a {@link StreamingJob#awaitAllAvailable()} waits, are always checkpointed. Must
 *     be zero for a job with a checkpoint directory, which durably checkpoints every epoch.
 * @param cutOnWatermark true to cut an epoch before {@code epochInterval} passed when the sources' watermark reached
 *     the smallest watermark at which a stateful operator emits (an append mode window's end), so that output leaves
 *     at once instead of at the next interval ({@code ember.streaming.cutOnWatermark}; see the coordinator's {@code
 *     EmissionWatch}); an early cut is never followed by another, so epochs come at most twice per interval. Needs
 *     {@code cutOnClock}.
 * @param maxRowsPerEpoch the rows each streaming source task reads at most between two barriers; 0 (what the
 *     session's queries use) for no limit in rows. With {@code cutOnClock} a source task also stops
 *     reading once it has read for twice {@code epochInterval} since its last barrier (when that is not zero: a
 *     source that keeps up never waits, since the next barrier comes about one interval after the last). A task
 *     that reached a limit holds the rest of its input for the next epoch, which it asks the coordinator to cut (see
 *     {@link SourceReadLimit}), so that a backlog (a bounded source under {@code AvailableNow}, or a stream that fell
 *     behind) is read in epochs of bounded size and the watermark advances between them; an epoch the job replays
 *     after a recovery is read to its recorded end offsets, as before. Ignored without {@code cutOnClock}.
 */
public record StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
    StreamingCheckpoint checkpoint, int maxTaskFailures, Duration checkpointInterval, boolean cutOnWatermark,
    long maxRowsPerEpoch) {
  /** The default of {@link #maxTaskFailures()}. */
  public static final int DEFAULT_MAX_TASK_FAILURES = 4;

  /** Settings without a limit in rows per epoch (a source task still reads for at most two intervals per epoch). */
  public StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
      StreamingCheckpoint checkpoint, int maxTaskFailures, Duration checkpointInterval, boolean cutOnWatermark) {
    this(epochInterval, cutOnClock, firstEpoch, checkpoint, maxTaskFailures, checkpointInterval, cutOnWatermark, 0);
  }

  /** Settings that cut early for emission whenever they cut on the clock. */
  public StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
      StreamingCheckpoint checkpoint, int maxTaskFailures, Duration checkpointInterval) {
    this(epochInterval, cutOnClock, firstEpoch, checkpoint, maxTaskFailures, checkpointInterval, cutOnClock);
  }

  /** Settings that checkpoint every epoch. */
  public StreamingSettings(Duration epochInterval, boolean cutOnClock, long firstEpoch,
      StreamingCheckpoint checkpoint, int maxTaskFailures) {
    this(epochInterval, cutOnClock, firstEpoch, checkpoint, maxTaskFailures, Duration.ZERO);
  }

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
    if (checkpointInterval == null || checkpointInterval.isNegative()) {
      throw new IllegalArgumentException("checkpointInterval must not be negative, got " + checkpointInterval);
    }
    if (!checkpointInterval.isZero() && checkpoint != null && checkpoint.directory() != null) {
      throw new IllegalArgumentException("A job with a checkpoint directory checkpoints every epoch; its"
          + " checkpointInterval must be zero, got " + checkpointInterval);
    }
    if (maxRowsPerEpoch < 0) {
      throw new IllegalArgumentException("maxRowsPerEpoch must not be negative, got " + maxRowsPerEpoch);
    }
    if (cutOnWatermark && !cutOnClock) {
      throw new IllegalArgumentException("cutOnWatermark needs cutOnClock: a job that cuts only its final epoch"
          + " cuts no epoch early");
    }
    if (checkpoint != null && checkpoint.restoreFrom() != null && firstEpoch != checkpoint.firstEpoch()) {
      throw new IllegalArgumentException("A job resuming from epoch " + checkpoint.restoreFrom().epoch()
          + " starts at epoch " + checkpoint.firstEpoch() + ", not " + firstEpoch);
    }
  }

  /** How much a streaming source task reads at most between two barriers under these settings. */
  public SourceReadLimit sourceReadLimit() {
    if (!cutOnClock) {
      return SourceReadLimit.NONE;
    }
    return new SourceReadLimit(maxRowsPerEpoch, 2 * epochInterval.toNanos());
  }
}
