package io.ember.checkpointing;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How a {@link PeerReplicaStore} reaches the replica stores of other nodes, named by their addresses. The
 * runtime's implementation sends messages to each node's task host; tests use stores in one process. Every
 * operation is asynchronous and completes exceptionally when the holder cannot be reached or refused it (the
 * holder store's own exception message says why).
 */
public interface ReplicaTransport {
  /** What a holder's replica store occupies, as it answers a completion. */
  record Usage(long memoryBytes, long snapshotBytes) {}

  /**
   * Stores {@code snapshot} in {@code holder}'s store ({@link ReplicaStore#put}), a copy from a task in recovery attempt
   * {@code attempt} ({@link SnapshotAttempts#UNKNOWN} when not told): the holder refuses it when it stored a copy of a
   * newer attempt of the task ({@link SnapshotAttempts#admit}).
   */
  CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot, int attempt);

  /** Completes the epoch in {@code holder}'s store ({@link ReplicaStore#markCompleteHeld}). */
  CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata);

  /** Prunes {@code holder}'s store ({@link ReplicaStore#prune}); completes with how many snapshots went. */
  CompletionStage<Integer> prune(String holder, String jobId, long epoch);

  /** Drops the job from {@code holder}'s store ({@link ReplicaStore#removeJob}). */
  CompletionStage<Void> removeJob(String holder, String jobId);

  /**
   * {@code key}'s snapshot at {@code epoch} in {@code holder}'s store: materialized ({@link ReplicaStore#get}) or as
   * stored ({@link ReplicaStore#getStored}); empty when the holder does not have it.
   */
  CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
      boolean materialized);

  /** {@code holder}'s {@link ReplicaStore#latestComplete} of the job. */
  CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId);

  /** Whether {@code holder} is a live member now (fetches and completions skip the others). */
  boolean isLive(String holder);
}
