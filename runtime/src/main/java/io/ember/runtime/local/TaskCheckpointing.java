package io.ember.runtime.local;

import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;

/**
 * How one task of a checkpointed streaming job takes part in checkpoints (see
 * {@link io.ember.runtime.StreamingCheckpoint}).
 *
 * @param replicas the job's replica store, which the task puts its snapshot of every epoch into at the barrier
 * @param jobId the job's name in {@code replicas}
 * @param key the task's name in snapshots: its chain's head vertex and its index
 * @param restore the task's snapshot to restore before its first input, or null to start empty
 * @param watermarkUs the watermark to apply once restored ({@link Long#MIN_VALUE}: none)
 * @param replayEpoch the epoch the job replays ({@link io.ember.runtime.StreamingCheckpoint#replay()}), -1 for none
 * @param replayUntil for a source task, its reader's offsets at the end of {@code replayEpoch}: when the task starts
 *     (or rolls back) at {@code replayEpoch}, its reader reads up to there in that epoch
 *     ({@link io.ember.connectors.source.SourceReader#replayUntil}); null for none
 */
record TaskCheckpointing(ReplicaStore replicas, String jobId, TaskStateKey key, TaskSnapshot restore,
    long watermarkUs, long replayEpoch, byte[] replayUntil) {
  /** A task's part in checkpoints when the job replays no epoch. */
  TaskCheckpointing(ReplicaStore replicas, String jobId, TaskStateKey key, TaskSnapshot restore, long watermarkUs) {
    this(replicas, jobId, key, restore, watermarkUs, -1, null);
  }

  /** The same, restoring {@code snapshot} and then {@code watermark} (a rollback); the replay bound is kept. */
  TaskCheckpointing withRestore(TaskSnapshot snapshot, long watermark) {
    return new TaskCheckpointing(replicas, jobId, key, snapshot, watermark, replayEpoch, replayUntil);
  }

  /** The same, its snapshots going into {@code store}. */
  TaskCheckpointing withReplicas(ReplicaStore store) {
    return new TaskCheckpointing(store, jobId, key, restore, watermarkUs, replayEpoch, replayUntil);
  }

  /** The reader's end offsets when the task's first epoch is {@code firstEpoch}: the replayed one; else null. */
  byte[] replayUntil(long firstEpoch) {
    return replayUntil != null && firstEpoch == replayEpoch ? replayUntil : null;
  }
}
