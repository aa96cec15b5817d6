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
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The {@link ReplicaTransport} between nodes of a cluster: each operation is a message to the holder's
 * {@link TaskHost} ({@link TaskHost.StoreSnapshot}, {@link TaskHost.CompleteEpoch}, {@link TaskHost.PruneReplicas},
 * {@link TaskHost.FetchReplica}), asked with a timeout; a holder's refusal arrives as its error text and fails the
 * operation. Holders are named by their node's address ({@link #addressOf}); a holder is live while it is an Up
 * member that this node's failure detector does not report unreachable.
 */
final class HostReplicaTransport implements ReplicaTransport {
  private final ActorSystem<?> system;
  private final Function<String, ActorRef<TaskHost.Command>> hostOf;
  private final Duration timeout;

  /**
   * @param system this node's actor system (a cluster member)
   * @param hostOf the task host of a holder address
   */
  HostReplicaTransport(ActorSystem<?> system, Function<String, ActorRef<TaskHost.Command>> hostOf, Duration timeout) {
    this.system = system;
    this.hostOf = hostOf;
    this.timeout = timeout;
  }

  /** The address of the node {@code ref} lives on, as {@code system} names it (its own address for a local ref). */
  static String addressOf(ActorSystem<?> system, ActorRef<?> ref) {
    Address a = ref.path().address();
    return a.hasGlobalScope() ? a.toString() : Cluster.get(system).selfMember().address().toString();
  }

  private <T> CompletionStage<T> ask(String holder, Function<ActorRef<T>, TaskHost.Command> message) {
    ActorRef<TaskHost.Command> host = hostOf.apply(holder);
    if (host == null) {
      return CompletableFuture.failedFuture(new EmberRuntimeException("REPLICA_UNAVAILABLE", "No task host is known"
          + " for node " + holder));
    }
    return AskPattern.<TaskHost.Command, T>ask(host, message::apply, timeout, system.scheduler());
  }

  private static <T> T orFail(String error, T value) {
    if (error != null) {
      throw new EmberRuntimeException("REPLICA_REFUSED", error);
    }
    return value;
  }

  /** The largest snapshot that travels in one message (Artery's frame, less room for the message around it). */
  static final long MAX_SNAPSHOT_BYTES = RemoteSerialization.MAX_FRAME_BYTES - 64 * 1024;

  static String tooLarge(long bytes) {
    return "the snapshot holds " + bytes + " bytes, more than the " + MAX_SNAPSHOT_BYTES + " bytes one message between"
        + " nodes carries; use fewer keys per task (more partitions) or run in local mode";
  }

  @Override
  public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot) {
    if (snapshot.stateBytes() > MAX_SNAPSHOT_BYTES) {
      return CompletableFuture.failedFuture(new EmberRuntimeException("REPLICA_TOO_LARGE",
          tooLarge(snapshot.stateBytes())));
    }
    return this.<TaskHost.SnapshotStored>ask(holder, reply -> new TaskHost.StoreSnapshot(jobId, snapshot, reply))
        .thenApply(s -> orFail(s.error(), s.entry()));
  }

  @Override
  public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
    byte[] encoded = metadata.encode();
    return this.<TaskHost.EpochCompleted>ask(holder, reply -> new TaskHost.CompleteEpoch(jobId, encoded, reply))
        .thenApply(c -> orFail(c.error(), new Usage(c.memoryBytes(), c.snapshotBytes())));
  }

  @Override
  public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
    return this.<TaskHost.Pruned>ask(holder, reply -> new TaskHost.PruneReplicas(jobId, epoch, reply))
        .thenApply(p -> orFail(p.error(), p.removed()));
  }

  @Override
  public CompletionStage<Void> removeJob(String holder, String jobId) {
    return this.<TaskHost.Pruned>ask(holder, reply -> new TaskHost.PruneReplicas(jobId, -1, reply))
        .thenApply(p -> orFail(p.error(), null));
  }

  @Override
  public CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
      boolean materialized) {
    return this.<TaskHost.SnapshotFetched>ask(holder,
            reply -> new TaskHost.FetchReplica(jobId, epoch, key, materialized, reply))
        .thenApply(f -> Optional.ofNullable(orFail(f.error(), f.encoded())).map(TaskSnapshot::decode));
  }

  @Override
  public CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId) {
    return this.<TaskHost.SnapshotFetched>ask(holder, reply -> new TaskHost.FetchReplica(jobId, -1, null, false, reply))
        .thenApply(f -> Optional.ofNullable(orFail(f.error(), f.encoded())).map(EpochMetadata::decode));
  }

  @Override
  public boolean isLive(String holder) {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    for (Member m : state.getMembers()) {
      if (m.address().toString().equals(holder)) {
        boolean up = m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp();
        return up && !state.getUnreachable().contains(m);
      }
    }
    return false;
  }
}
