package io.ember.checkpointing;

import java.util.Optional;

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
   * The snapshot of {@code key} at {@code epoch}, empty when the store has none (never put, pruned, or removed).
   * A snapshot of a complete epoch is checked against the size and checksum its metadata lists.
   *
   * @throws CheckpointCorruptException when the stored copy does not match the epoch's metadata
   */
  Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key);

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

  /** The metadata of the newest complete epoch of {@code jobId}, empty when none completed (or the job was removed). */
  Optional<EpochMetadata> latestComplete(String jobId);

  /**
   * Removes every snapshot and metadata of {@code jobId} older than {@code epoch}, except the latest complete
   * epoch, which stays even when older. Later puts of epochs below {@code epoch} are refused.
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
