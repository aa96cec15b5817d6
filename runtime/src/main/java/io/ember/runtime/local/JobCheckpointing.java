package io.ember.runtime.local;

import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.StreamingCheckpoint;
import java.util.Collection;
import java.util.Set;

/**
 * How the tasks of one streaming job take part in checkpoints, for its {@link StreamingCoordinator}: each task's
 * {@link TaskCheckpointing} (its snapshots go into the runtime's replica store under the job's name; it restores its
 * snapshot of the epoch the job starts or rolls back from) and, when the job resumes from a checkpoint that replays an
 * epoch ({@link StreamingCheckpoint#replay()}), when that epoch may be cut.
 *
 * <p>Immutable; the epoch to restore is passed in, as it changes with every recovery.
 *
 * @param plan the job's tasks
 * @param replicas the runtime's replica store, which the job's snapshots are kept in under {@code jobName}
 * @param jobName the job's name
 * @param checkpoint the job's checkpoint location and what it resumes from; null without one
 */
record JobCheckpointing(ExecutionPlan plan, ReplicaStore replicas, String jobName, StreamingCheckpoint checkpoint) {

  /**
   * Checks that the epoch a job resumes from has a snapshot of every task that takes part in epochs.
   *
   * @throws EmberRuntimeException {@code CHECKPOINT_TASK_MISMATCH} otherwise
   */
  static void checkRestorable(ExecutionPlan plan, StreamingTopology topology, StreamingCheckpoint checkpoint) {
    if (checkpoint == null || checkpoint.restoreFrom() == null) {
      return;
    }
    for (TaskSpec t : plan.tasks()) {
      TaskStateKey key = keyOf(t);
      if (topology.roleOf(t.taskId()) != null && checkpoint.restoreFrom().snapshot(key) == null) {
        throw new EmberRuntimeException("CHECKPOINT_TASK_MISMATCH", "Epoch " + checkpoint.restoreFrom().epoch()
            + " of the checkpoint has no snapshot of task " + t.name() + " (" + key + "); the query changed since"
            + " the checkpoint was written. Start it with a new checkpoint location.");
      }
    }
  }

  /**
   * Task {@code taskId}'s part in checkpoints when the job's tasks restore epoch {@code restored} (null: they start
   * from scratch): its snapshot of that epoch and the epoch's watermark, and the replay bound of its reader.
   */
  TaskCheckpointing forTask(int taskId, CheckpointedEpoch restored) {
    TaskStateKey key = keyOf(plan.tasks().get(taskId));
    EpochMetadata replay = checkpoint == null ? null : checkpoint.replay();
    return new TaskCheckpointing(replicas, jobName, key,
        restored == null ? null : restored.snapshot(key),
        restored == null ? Long.MIN_VALUE : restored.metadata().watermarkUs(),
        replay == null ? -1 : replay.epoch(), replay == null ? null : replay.sourceOffsets().get(key));
  }

  /**
   * While {@code nextEpoch} is the epoch the job replays: true until every source task among {@code sourceTasks}
   * that it bounds reached its end offsets (is in {@code waiting}) or ended (is in {@code ended}), so the epoch is
   * cut where it was the first time. False for any other epoch.
   */
  boolean replayHoldsCut(long nextEpoch, Collection<Integer> sourceTasks, Set<Integer> waiting, Set<Integer> ended) {
    EpochMetadata replay = checkpoint == null ? null : checkpoint.replay();
    if (replay == null || nextEpoch != replay.epoch()) {
      return false;
    }
    for (int task : sourceTasks) {
      if (replay.sourceOffsets().containsKey(keyOf(plan.tasks().get(task)))
          && !waiting.contains(task) && !ended.contains(task)) {
        return true;
      }
    }
    return false;
  }

  /** A task's name in snapshots: its chain's head vertex and its index. */
  private static TaskStateKey keyOf(TaskSpec t) {
    return new TaskStateKey(t.chain().head().id(), t.index());
  }
}
