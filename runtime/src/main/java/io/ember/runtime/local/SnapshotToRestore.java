package io.ember.runtime.local;

import io.ember.checkpointing.TaskSnapshot;
import io.ember.core.errors.EmberRuntimeException;

/**
 * Which snapshot a task restores from. A rollback hands a task in the coordinator's process its snapshot of the
 * epoch to restore as the task put it into the replica store, so a delta on an earlier snapshot
 * ({@link TaskActor.Rollback}): a task that rolls back in place reads only its operators' own bytes and its source
 * offsets from it, and nobody pays for materializing the chain; a task that cannot roll back in place materializes
 * it here, from the replica store, on its own thread.
 */
final class SnapshotToRestore {
  private SnapshotToRestore() {}

  /**
   * The snapshot task {@code taskName} restores from: {@code checkpointing}'s as given when it is full or the task
   * rolls back in place ({@code inPlace}), else the full snapshot of its epoch from the task's replica store; null
   * when there is none to restore.
   *
   * @throws EmberRuntimeException {@code INTERNAL_ERROR} when the replica store no longer holds it (it holds the
   *     latest complete epoch until the task acknowledges a later one, so only a broken store loses it)
   */
  static TaskSnapshot of(TaskCheckpointing checkpointing, boolean inPlace, String taskName) {
    TaskSnapshot given = checkpointing.restore();
    if (given == null || !given.isDelta() || inPlace) {
      return given;
    }
    return checkpointing.replicas().get(checkpointing.jobId(), given.epoch(), checkpointing.key()).orElseThrow(
        () -> new EmberRuntimeException("INTERNAL_ERROR", "Task " + taskName + " cannot restore epoch "
            + given.epoch() + ": the replica store no longer holds its snapshot (" + checkpointing.key() + ")"));
  }
}
