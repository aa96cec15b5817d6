package io.ember.checkpointing;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Holds copies of task snapshots in memory, per job and epoch, so that a failed task is restored from memory
 * instead of from a checkpoint location. In local mode there is one store per process; in a cluster each node
 * holds the copies other nodes sent it.
 *
 * <p>Life of an epoch: tasks {@link #put} their snapshots of epoch N as they pass barrier N (in any order, from
 * any thread); when every task acknowledged N the coordinator calls {@link #markComplete} with the epoch's
 * metadata. Only then does N become visible to {@link #latestComplete}. Snapshots of an epoch that never
 * completes (the job failed first) stay invisible and go with the next {@link #prune}. Pruning never removes the
 * latest complete epoch, so there is always an epoch to recover from once one completed.
 *
 * <p>Deltas: a task may put a delta ({@link TaskSnapshot#isDelta()}) on its snapshot of an earlier epoch that the
 * store still holds. The store keeps, per task, the chain that rebuilds each snapshot it holds (pruning never
 * breaks the chain of a snapshot kept), and compacts long chains into full snapshots off the putting thread.
 *
 * <p>Implementations are thread-safe: tasks put while the coordinator completes and prunes. A task puts its
 * snapshot of an epoch once; putting the same task and epoch again before the epoch completes replaces it.
 */
public interface ReplicaStore extends AutoCloseable {
  /**
   * Stores a copy of {@code snapshot} for {@code jobId} under its epoch and key; the caller may drop its arrays
   * afterwards.
   *
   * @return the entry describing the stored copy (size and checksum of its encoding), which the task's
   *     acknowledgement carries into the epoch's {@link EpochMetadata} without encoding the snapshot again
   * @throws IllegalStateException when the snapshot's epoch is not newer than the latest complete epoch of the
   *     job, or is older than what was pruned, or the store is closed
   */
  EpochMetadata.TaskEntry put(String jobId, TaskSnapshot snapshot);

  /**
   * {@link #put}, without making the caller wait for a store whose copies take time (copies to other nodes): the
   * stage completes with the stored copy's entry once the store holds it, or exceptionally with what {@link #put}
   * throws. The snapshots one task puts this way are stored in the order it put them, each after the one before
   * (a delta finds its base). The caller must not acknowledge the epoch before the stage completed. Stores that
   * copy in memory, as this default does, complete the stage before returning.
   */
  default CompletionStage<EpochMetadata.TaskEntry> putAsync(String jobId, TaskSnapshot snapshot) {
    try {
      return CompletableFuture.completedFuture(put(jobId, snapshot));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@link #putAsync(String, TaskSnapshot)} by a task in recovery attempt {@code attempt} of its job (0 at first, one
   * more per recovery). A store that copies to other nodes sends the attempt with each copy, and a holder keeps the
   * newest attempt's copies ({@link SnapshotAttempts}): the copy of a task that recovery replaced is refused, and the
   * stage fails. This default, for stores in the task's own process (where a replaced task is stopped with the
   * recovery), ignores the attempt.
   */
  default CompletionStage<EpochMetadata.TaskEntry> putAsync(String jobId, TaskSnapshot snapshot, int attempt) {
    return putAsync(jobId, snapshot);
  }

  /**
   * The state of {@code key} at {@code epoch} as a full snapshot, empty when the store has none (never put, pruned,
   * or removed). When a delta was put for that epoch, the store materializes its chain (the full snapshot it starts
   * from and the deltas up to {@code epoch}, or a compacted copy) into one; this is what a task restores from.
   * Every stored copy read is checked against the size and checksum it was put with.
   *
   * @throws CheckpointCorruptException when a stored copy does not match its checksum or a chain is broken
   */
  Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key);

  /**
   * The snapshot of {@code key} at {@code epoch} exactly as it was put (a delta stays a delta): the one the epoch's
   * metadata lists, to write to a checkpoint location. Empty when the store has none.
   *
   * @throws CheckpointCorruptException when the stored copy does not match its checksum
   */
  Optional<TaskSnapshot> getStored(String jobId, long epoch, TaskStateKey key);

  /**
   * Makes {@code metadata}'s epoch the latest complete epoch of {@code jobId}. Every task the metadata lists
   * must have been put for that epoch with exactly the listed size (the checksum is checked when a snapshot is
   * read, so completing does not read the snapshots back); snapshots of the epoch the metadata does not list are
   * dropped.
   *
   * @throws IllegalStateException when a listed snapshot is missing or differs, or the epoch is not newer than
   *     the latest complete one
   */
  void markComplete(String jobId, EpochMetadata metadata);

  /**
   * As {@link #markComplete}, in a store that holds the snapshots of only some of the epoch's tasks (a peer node
   * keeping the replicas of the tasks it was chosen for): each listed snapshot the store holds must have exactly the
   * listed size, listed snapshots it does not hold are not required. The whole metadata is kept, so that
   * {@link #latestComplete} on any holder tells what makes up the epoch.
   * A held copy that is not the one listed (its size or checksum differs) is dropped like an unlisted one: it was put
   * by a task that a recovery replaced, on a holder that is no longer one of the task's current holders (these refuse
   * a replaced task's copies once they stored the new attempt's, see {@link SnapshotAttempts}).
   *
   * @throws IllegalStateException when the epoch is not newer than the latest complete one
   */
  void markCompleteHeld(String jobId, EpochMetadata metadata);

  /** The metadata of the newest complete epoch of {@code jobId}, empty when none completed (or the job was removed). */
  Optional<EpochMetadata> latestComplete(String jobId);

  /**
   * Removes every snapshot and metadata of {@code jobId} older than {@code epoch}, except the latest complete
   * epoch, which stays even when older, and the snapshots the chains of kept snapshots need (the full snapshot and
   * deltas a kept delta is built on). Later puts of epochs below {@code epoch} are refused.
   *
   * @return how many task snapshots were removed
   */
  int prune(String jobId, long epoch);

  /** Removes everything held for {@code jobId} (the job ended or was cancelled). */
  void removeJob(String jobId);

  /** Bytes of memory the store's storage occupies now (off-heap for Chronicle, an estimate of heap otherwise). */
  long memoryBytes();

  /** Bytes of encoded snapshots held, complete and not; at most {@link #memoryBytes()} plus bookkeeping. */
  long snapshotBytes();

  /** Releases the storage; later calls fail with {@link IllegalStateException}. Idempotent. */
  @Override
  void close();
}
