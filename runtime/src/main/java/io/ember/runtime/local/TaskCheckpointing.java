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
 */
record TaskCheckpointing(ReplicaStore replicas, String jobId, TaskStateKey key, TaskSnapshot restore,
    long watermarkUs) {}
