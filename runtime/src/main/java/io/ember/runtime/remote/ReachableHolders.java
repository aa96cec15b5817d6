package io.ember.runtime.remote;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaTransport;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A {@link ReplicaTransport} that gives up on a holder as soon as it stops being live, instead of waiting for its
 * answer until the operation's timeout ({@link ClusterReplicas#TIMEOUT}, 30 s).
 *
 * <p>Why: a task copies its snapshot to its holders inside its barrier step and acknowledges the epoch only once all
 * stored it, so a task whose holder froze (a node paused by a long GC or {@code kill -STOP}, or a network partition)
 * blocks in that copy. When the frozen node also ran tasks of the job, the coordinator recovers them as soon as the
 * failure detector marks it unreachable, but a blocked task on a live node reads its rollback only after the copy
 * returns: the whole recovery, and the query, waited the full timeout (seen: 25 s of a 28 s pause-to-resume). Here
 * every operation on a holder completes exceptionally with {@code REPLICA_UNAVAILABLE} once
 * {@link ReplicaTransport#isLive} turns false for it and this member's own failure detector does not hear it either
 * ({@link OwnFailureDetector}; checked every {@link #CHECK_INTERVAL}): the task's snapshot
 * fails at once, which the recovery under way absorbs (or which starts one, like any task failure), and the next
 * copies go to the live holders.
 */
final class ReachableHolders implements ReplicaTransport {
  /** How often a pending operation checks that its holder is still live. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  private final ReplicaTransport inner;
  private final ActorSystem<?> system;
  private final Predicate<String> heardHere;

  /**
   * @param inner the transport doing the work
   * @param system whose scheduler runs the checks, a cluster member whose own failure detector is asked too
   */
  ReachableHolders(ReplicaTransport inner, ActorSystem<?> system) {
    this(inner, system, holder -> OwnFailureDetector.hears(system, holder));
  }

  /**
   * @param heardHere whether this member's own failure detector still hears a holder: a holder it hears is waited
   *     for even when the cluster gossips it unreachable (another member's view, such as a node just resumed)
   */
  ReachableHolders(ReplicaTransport inner, ActorSystem<?> system, Predicate<String> heardHere) {
    this.inner = inner;
    this.system = system;
    this.heardHere = heardHere;
  }

  @Override
  public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
      int attempt) {
    return whileLive(holder, jobId, "storing the snapshot of " + snapshot.key() + " at epoch " + snapshot.epoch(),
        inner.put(holder, jobId, snapshot, attempt));
  }

  @Override
  public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
    return whileLive(holder, jobId, "completing epoch " + metadata.epoch(), inner.complete(holder, jobId, metadata));
  }

  @Override
  public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
    return whileLive(holder, jobId, "pruning before epoch " + epoch, inner.prune(holder, jobId, epoch));
  }

  @Override
  public CompletionStage<Void> removeJob(String holder, String jobId) {
    return whileLive(holder, jobId, "removing the job", inner.removeJob(holder, jobId));
  }

  @Override
  public CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
      boolean materialized) {
    return whileLive(holder, jobId, "fetching the snapshot of " + key + " at epoch " + epoch,
        inner.fetch(holder, jobId, epoch, key, materialized));
  }

  @Override
  public CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId) {
    return whileLive(holder, jobId, "fetching the latest complete epoch", inner.latestComplete(holder, jobId));
  }

  @Override
  public boolean isLive(String holder) {
    return inner.isLive(holder);
  }

  /** {@code operation}'s result, or {@code REPLICA_UNAVAILABLE} once {@code holder} is no longer live. */
  private <T> CompletionStage<T> whileLive(String holder, String jobId, String what, CompletionStage<T> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    operation.whenComplete((value, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(value);
      }
    });
    if (result.isDone()) {
      return result;
    }
    Cancellable check = system.scheduler().scheduleAtFixedRate(CHECK_INTERVAL, CHECK_INTERVAL, () -> {
      if (!result.isDone() && !inner.isLive(holder) && !heardHere.test(holder)) {
        result.completeExceptionally(new EmberRuntimeException("REPLICA_UNAVAILABLE", "Node " + holder
            + " stopped being a live member (unreachable, downed or gone) while " + what + " of job " + jobId
            + "; the replica is not there, and the next copies go to the live holders."));
      }
    }, system.executionContext());
    result.whenComplete((value, error) -> check.cancel());
    return result;
  }
}
