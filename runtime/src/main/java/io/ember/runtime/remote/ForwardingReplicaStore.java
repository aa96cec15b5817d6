package io.ember.runtime.remote;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The replica store a task running away from its coordinator snapshots into: every {@link #put} is sent to the
 * {@link TaskHost} of the coordinator's node, which puts it into the store the coordinator completes epochs in, and
 * returns only once it is stored there. A task's snapshot is thereby stored before its epoch acknowledgement leaves
 * the task, so the coordinator never completes an epoch whose snapshot is still on the way. It costs one round trip
 * per task and checkpointed epoch, on the task's thread, and the snapshot is held by the coordinator's node only
 * (replicas in peers' memory come with node-loss recovery).
 *
 * <p>Tasks only put; the other operations belong to the coordinator, which uses its own store, and fail here.
 */
final class ForwardingReplicaStore implements ReplicaStore {
  /** How long a put waits for the coordinator's node before the task fails. */
  static final Duration PUT_TIMEOUT = Duration.ofSeconds(30);

  private final ActorRef<TaskHost.Command> keeper;
  private final Scheduler scheduler;

  ForwardingReplicaStore(ActorRef<TaskHost.Command> keeper, Scheduler scheduler) {
    this.keeper = keeper;
    this.scheduler = scheduler;
  }

  /**
   * {@inheritDoc}
   *
   * @throws EmberRuntimeException {@code REMOTE_SNAPSHOT_FAILED} when the coordinator's node did not store it
   */
  @Override
  public EpochMetadata.TaskEntry put(String jobId, TaskSnapshot snapshot) {
    TaskHost.SnapshotStored stored;
    try {
      stored = AskPattern.<TaskHost.Command, TaskHost.SnapshotStored>ask(keeper,
          reply -> new TaskHost.StoreSnapshot(jobId, snapshot, reply), PUT_TIMEOUT, scheduler)
          .toCompletableFuture().get(PUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(snapshot, e.toString(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw failed(snapshot, e.toString(), e);
    }
    if (stored.error() != null) {
      throw failed(snapshot, stored.error(), null);
    }
    return stored.entry();
  }

  private static EmberRuntimeException failed(TaskSnapshot snapshot, String why, Throwable cause) {
    return new EmberRuntimeException("REMOTE_SNAPSHOT_FAILED", "The snapshot of " + snapshot.key() + " at epoch "
        + snapshot.epoch() + " was not stored on the coordinator's node: " + why, cause);
  }

  private static UnsupportedOperationException coordinatorOnly() {
    return new UnsupportedOperationException("A remote task's replica store only puts snapshots; the coordinator"
        + " reads and completes epochs in its own store.");
  }

  @Override
  public Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key) {
    throw coordinatorOnly();
  }

  @Override
  public Optional<TaskSnapshot> getStored(String jobId, long epoch, TaskStateKey key) {
    throw coordinatorOnly();
  }

  @Override
  public void markComplete(String jobId, EpochMetadata metadata) {
    throw coordinatorOnly();
  }

  @Override
  public Optional<EpochMetadata> latestComplete(String jobId) {
    throw coordinatorOnly();
  }

  @Override
  public int prune(String jobId, long epoch) {
    throw coordinatorOnly();
  }

  @Override
  public void removeJob(String jobId) {
    throw coordinatorOnly();
  }

  @Override
  public long memoryBytes() {
    return 0;
  }

  @Override
  public long snapshotBytes() {
    return 0;
  }

  /** Holds nothing to release. */
  @Override
  public void close() {}
}
