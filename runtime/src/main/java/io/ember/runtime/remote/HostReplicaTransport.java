package io.ember.runtime.remote;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaTransport;
import io.ember.checkpointing.SnapshotChunks;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import io.ember.runtime.local.FrameSplitter;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
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
 * member that this node's failure detector does not report unreachable. A snapshot larger than one Artery frame
 * travels in chunks ({@link SnapshotChunks}: {@link TaskHost.StoreChunk} to store it, {@link TaskHost.FetchChunk} to
 * fetch it back), a few in flight at a time; a holder lost mid-transfer fails the put or fetch when its answers time
 * out, as any lost holder does, and drops the chunks it had ({@link ReplicaTransfers}).
 */
final class HostReplicaTransport implements ReplicaTransport {
  private final ActorSystem<?> system;
  private final Function<String, ActorRef<TaskHost.Command>> hostOf;
  private final String owner;
  private final Duration timeout;
  private final int chunkBytes;
  private volatile Encoded lastEncoded;

  /**
   * @param system this node's actor system (a cluster member)
   * @param hostOf the task host of a holder address
   * @param owner the address of the driver whose jobs' copies this transport sends (the driver's own, or that of
   *     the coordinator of the task on a node): holders drop them when the cluster removes that member
   */
  HostReplicaTransport(ActorSystem<?> system, Function<String, ActorRef<TaskHost.Command>> hostOf, String owner,
      Duration timeout) {
    this.system = system;
    this.hostOf = hostOf;
    this.owner = owner;
    this.timeout = timeout;
    this.chunkBytes = chunkBytes(system);
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

  /**
   * The bytes of one chunk of a larger snapshot on {@code system}: its configured frame size
   * ({@value FrameSplitter#FRAME_SIZE_KEY}) less 64 KiB for the message around the chunk (half the frame for frames
   * under 128 KiB), and at most {@link ChunkedBytes#CHUNK_BYTES}: a chunk is an array on both sides, and one of the
   * frame's size would be a humongous allocation of G1 in every put and fetch of a large state.
   */
  static int chunkBytes(ActorSystem<?> system) {
    var config = system.settings().config();
    long frame = config.hasPath(FrameSplitter.FRAME_SIZE_KEY) ? config.getBytes(FrameSplitter.FRAME_SIZE_KEY)
        : RemoteSerialization.MAX_FRAME_BYTES;
    return (int) Math.min(ChunkedBytes.CHUNK_BYTES, frame < 128 * 1024 ? frame / 2 : frame - 64 * 1024);
  }

  /**
   * {@inheritDoc} A snapshot whose state is larger than one message ({@link #chunkBytes}) is encoded once (the other
   * holders of the same put reuse the encoding) and sent in chunks, {@link SnapshotChunks#DEFAULT_WINDOW} in flight;
   * the holder stores it once it has every chunk and the whole matches its checksum.
   */
  @Override
  public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
      int attempt) {
    if (snapshot.stateBytes() <= chunkBytes) {
      return this.<TaskHost.SnapshotStored>ask(holder,
              reply -> new TaskHost.StoreSnapshot(jobId, owner, snapshot, attempt, reply))
          .thenApply(s -> orFail(s.error(), s.entry()));
    }
    ChunkedBytes encoded = encoded(snapshot);
    String transfer = UUID.randomUUID().toString();
    return SnapshotChunks.<EpochMetadata.TaskEntry>send(encoded, chunkBytes, SnapshotChunks.DEFAULT_WINDOW,
        (header, seq, chunk) -> this.<TaskHost.SnapshotStored>ask(holder,
                reply -> new TaskHost.StoreChunk(transfer, jobId, owner, attempt, header, seq, chunk, reply))
            .thenApply(s -> Optional.ofNullable(orFail(s.error(), s.entry()))))
        .whenComplete((entry, failure) -> forget(snapshot));
  }

  /** Drops the kept encoding of {@code snapshot}, so that a transport does not hold a large snapshot past its put. */
  private void forget(TaskSnapshot snapshot) {
    Encoded last = lastEncoded;
    if (last != null && last.snapshot() == snapshot) {
      lastEncoded = null;
    }
  }

  /**
   * {@code snapshot} encoded; the encoding is kept for the next holder of the same snapshot until a transfer of it
   * ends.
   */
  private ChunkedBytes encoded(TaskSnapshot snapshot) {
    Encoded last = lastEncoded;
    if (last != null && last.snapshot() == snapshot) {
      return last.bytes();
    }
    ChunkedBytes bytes = snapshot.encodeChunked();
    lastEncoded = new Encoded(snapshot, bytes);
    return bytes;
  }

  private record Encoded(TaskSnapshot snapshot, ChunkedBytes bytes) {}

  @Override
  public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
    byte[] encoded = metadata.encode();
    return this.<TaskHost.EpochCompleted>ask(holder, reply -> new TaskHost.CompleteEpoch(jobId, owner, encoded, reply))
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
        .thenCompose(f -> {
          orFail(f.error(), null);
          if (f.transfer() == null) {
            return CompletableFuture.completedFuture(Optional.ofNullable(f.encoded()).map(TaskSnapshot::decode));
          }
          return SnapshotChunks.fetch(f.chunked(), SnapshotChunks.DEFAULT_WINDOW,
                  seq -> this.<TaskHost.ChunkFetched>ask(holder, reply -> new TaskHost.FetchChunk(f.transfer(), seq,
                      reply)).thenApply(c -> orFail(c.error(), c.bytes())))
              .thenApply(bytes -> Optional.of(TaskSnapshot.decode(bytes)));
        });
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
