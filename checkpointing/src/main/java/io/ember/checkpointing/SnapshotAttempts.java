package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a replica holder knows of the recovery attempts of the tasks whose snapshot copies it stores, so that it keeps
 * the copies of the newest attempt.
 *
 * <p>Why: a task runs in a recovery attempt of its job (0 at first, one more per recovery); a recovery moves every
 * task of the job to the new attempt, restarted elsewhere or rolled back in place. A task of an earlier attempt can
 * still run for a while on a node that paused (a long GC, {@code kill -STOP}) and was recovered from: until its
 * coordinator's stop reaches it, it goes on cutting epochs and copying snapshots to its holders. Its copy of an epoch
 * the recovery cut again must not replace the new attempt's copy of that epoch on a holder. Each copy therefore
 * carries its task's attempt ({@link ReplicaStore#putAsync(String, TaskSnapshot, int)}), and a holder refuses a copy
 * of a task from an attempt older than one it already stored a copy from for that task: attempts only grow within a
 * job, so such a copy comes from a task that recovery replaced, whatever its epoch. A copy of an older attempt stored
 * before the new attempt's first copy is replaced when the new attempt puts the same epoch; until then it is one the
 * new attempt has not acknowledged, so no complete epoch lists it. A copy of {@link #UNKNOWN} attempt (a store that
 * does not tell) is always taken and changes nothing.
 *
 * <p>Thread-safe. Keeps one number per task of each job, until {@link #removeJob}.
 */
public final class SnapshotAttempts {
  /** The attempt of a copy whose sender does not tell it: admitted, and never fences another copy. */
  public static final int UNKNOWN = -1;

  private final Map<String, Map<TaskStateKey, Integer>> newest = new HashMap<>();

  /**
   * Admits a copy of {@code key}'s snapshot at {@code epoch} of job {@code jobId} from attempt {@code attempt}: records
   * the attempt as the task's newest when it is newer than what was seen.
   *
   * @throws EmberRuntimeException {@code REPLICA_STALE_ATTEMPT} when a copy of a newer attempt of the task was stored
   *     here before (this copy's sender was replaced by a recovery)
   */
  public synchronized void admit(String jobId, TaskStateKey key, long epoch, int attempt) {
    if (attempt == UNKNOWN) {
      return;
    }
    if (attempt < 0) {
      throw new IllegalArgumentException("A task's attempt is at least 0 (or UNKNOWN), got " + attempt);
    }
    Map<TaskStateKey, Integer> tasks = newest.computeIfAbsent(jobId, j -> new HashMap<>());
    Integer seen = tasks.get(key);
    if (seen != null && seen > attempt) {
      throw new EmberRuntimeException("REPLICA_STALE_ATTEMPT", "The copy of " + key + " at epoch " + epoch
          + " of job " + jobId + " comes from recovery attempt " + attempt + ", but this holder stored a copy of attempt "
          + seen + " already: the task was replaced by a recovery, and the holder keeps the newer attempt's copies.");
    }
    if (seen == null || attempt > seen) {
      tasks.put(key, attempt);
    }
  }

  /** The newest attempt seen of {@code key} in job {@code jobId}; {@link #UNKNOWN} when none. */
  public synchronized int newest(String jobId, TaskStateKey key) {
    return newest.getOrDefault(jobId, Map.of()).getOrDefault(key, UNKNOWN);
  }

  /** Forgets the job (its copies were removed). */
  public synchronized void removeJob(String jobId) {
    newest.remove(jobId);
  }
}
