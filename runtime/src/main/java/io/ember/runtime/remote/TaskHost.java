package io.ember.runtime.remote;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaDirectory;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.SnapshotAttempts;
import io.ember.checkpointing.SnapshotChunks;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.operators.state.ChunkedBytes;
import io.ember.runtime.local.TaskActor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The actor on every node that runs tasks for coordinators elsewhere. Asked to {@link Reserve} for a job, it
 * spawns one {@link TaskShell} per task and answers with their refs; a coordinator's {@link ShellPlacement}
 * then starts each task in its shell, with the task's serialized {@link io.ember.runtime.local.TaskLaunch}.
 * Tasks run as children of the host, counted in {@link RunningTasks}. The host also keeps the node's replica store:
 * streaming tasks of other nodes copy their snapshots into it ({@link StoreSnapshot}), their coordinators replicate
 * epoch metadata to it, prune it and fetch copies back for recovery ({@link CompleteEpoch}, {@link PruneReplicas},
 * {@link FetchReplica}); see {@link HostReplicaTransport}. A snapshot larger than one message travels in chunks both
 * ways ({@link StoreChunk}, {@link FetchChunk}). Each copy and epoch names the driver whose job it belongs to, and
 * when the cluster removes that driver (downed, left or crashed) the host drops the job's copies
 * ({@link ReplicaOwners}).
 *
 * <p>One host per actor system, spawned under a well-known name ({@link #NAME}) so that peers can address it.
 */
public final class TaskHost {
  /** The name of the host actor under the user guardian. */
  public static final String NAME = "ember-task-host";

  private TaskHost() {}

  /** What a host receives. */
  public interface Command extends WireMessage {}

  /**
   * Prepare one shell per task id of job {@code job} and answer {@link Reserved}. {@code job} names the job
   * uniquely among the jobs this host serves; a job that redeploys its tasks reserves under a new name.
   */
  public record Reserve(String job, List<Integer> taskIds, ActorRef<Reserved> replyTo) implements Command {
    public Reserve {
      taskIds = List.copyOf(taskIds);
    }
  }

  /** The shells of a {@link Reserve}, by task id. */
  public record Reserved(Map<Integer, ActorRef<TaskActor.Command>> shells) implements WireMessage {
    public Reserved {
      shells = Map.copyOf(shells);
    }
  }

  /** Answer the number of task actors alive on this host. */
  public record RunningTasks(ActorRef<TaskCount> replyTo) implements Command {}

  /** The answer to {@link RunningTasks}. */
  public record TaskCount(int running) implements WireMessage {}

  /**
   * Put a task's snapshot into this node's replica store (this node is one of the task's replica holders; see
   * {@link HostReplicaTransport}) and answer {@link SnapshotStored}. {@code attempt} is the task's recovery attempt
   * ({@link SnapshotAttempts#UNKNOWN}: not told): a copy from an attempt older than one this host stored a copy from
   * for the task is refused ({@link SnapshotAttempts}), so a replaced task never overwrites the new attempt's copy.
   * {@code owner} is the address of the driver whose job the copy belongs to: the host drops the job's copies when the
   * cluster removes that member ({@link ReplicaOwners}).
   */
  public record StoreSnapshot(String jobId, String owner, TaskSnapshot snapshot, int attempt,
      ActorRef<SnapshotStored> replyTo) implements Command {}

  /** The answer to {@link StoreSnapshot}: the stored snapshot's entry, or why it could not be stored. */
  public record SnapshotStored(EpochMetadata.TaskEntry entry, String error) implements WireMessage {}

  /**
   * Complete an epoch in this node's replica store ({@link ReplicaStore#markCompleteHeld}) with {@code metadata}
   * ({@link EpochMetadata#encode()}) and answer {@link EpochCompleted}. {@code owner} is the address of the driver
   * whose job it is, as in {@link StoreSnapshot}.
   */
  public record CompleteEpoch(String jobId, String owner, byte[] metadata, ActorRef<EpochCompleted> replyTo)
      implements Command {}

  /** The answer to {@link CompleteEpoch}: what the node's store occupies now, or why the epoch was refused. */
  public record EpochCompleted(long memoryBytes, long snapshotBytes, String error) implements WireMessage {}

  /**
   * Prune the job's epochs before {@code epoch} ({@link ReplicaStore#prune}), or with {@code epoch} -1 remove the
   * job ({@link ReplicaStore#removeJob}), and answer {@link Pruned}.
   */
  public record PruneReplicas(String jobId, long epoch, ActorRef<Pruned> replyTo) implements Command {}

  /** The answer to {@link PruneReplicas}: the snapshots removed, or why it failed. */
  public record Pruned(int removed, String error) implements WireMessage {}

  /**
   * Answer {@link SnapshotFetched} with this node's copy of {@code key} at {@code epoch}: materialized
   * ({@link ReplicaStore#get}) or as stored ({@link ReplicaStore#getStored}); with {@code epoch} -1 the job's latest
   * complete metadata instead.
   */
  public record FetchReplica(String jobId, long epoch, TaskStateKey key, boolean materialized,
      ActorRef<SnapshotFetched> replyTo) implements Command {}

  /**
   * The answer to {@link FetchReplica}: the encoded snapshot or metadata (null when this node has none), or why it
   * could not be read. A snapshot larger than one message comes in chunks instead: {@code encoded} is null and
   * {@code transfer} names the transfer whose chunks {@code chunked} describes ({@link FetchChunk}).
   */
  public record SnapshotFetched(byte[] encoded, String error, String transfer, SnapshotChunks.Header chunked)
      implements WireMessage {
    /** A whole answer (or none, or an error). */
    public SnapshotFetched(byte[] encoded, String error) {
      this(encoded, error, null, null);
    }
  }

  /**
   * Chunk {@code seq} of a snapshot larger than one message, for this node's replica store: the host assembles the
   * chunks of {@code transfer} (the sender's unique name for it) and puts the snapshot into the store only once all
   * came and match {@code header}'s checksum ({@link ReplicaTransfers}). Answers {@link SnapshotStored} for every
   * chunk: with the stored snapshot's entry for the one that completed the transfer, with neither entry nor error
   * for the others. The assembled snapshot is admitted by its task's {@code attempt}, and attributed to its
   * {@code owner}, as a {@link StoreSnapshot}'s.
   */
  public record StoreChunk(String transfer, String jobId, String owner, int attempt, SnapshotChunks.Header header,
      int seq, byte[] bytes, ActorRef<SnapshotStored> replyTo) implements Command {}

  /** Answer {@link ChunkFetched} with chunk {@code seq} of the fetch {@code transfer} ({@link SnapshotFetched}). */
  public record FetchChunk(String transfer, int seq, ActorRef<ChunkFetched> replyTo) implements Command {}

  /** The answer to {@link FetchChunk}: the chunk's bytes, or why it cannot be given. */
  public record ChunkFetched(byte[] bytes, String error) implements WireMessage {}

  /**
   * Record in the driver's {@link ReplicaDirectory} that task {@code key} of job {@code jobId}, running on a node,
   * copies its snapshots to {@code holders} from now on (its node chose new ones: a holder was lost); answer
   * {@link HoldersRecorded}. Only the driver's host keeps a directory; another host answers with an error. The task
   * runs on {@code taskNode}, which keeps its local copy: holders from a node that no longer runs the task (the
   * directory's current holders end with another node: the task was placed again after its node looked lost, and
   * the old task on it runs on until it is stopped) are refused, so a stale task never takes over the directory.
   */
  public record RecordHolders(String jobId, TaskStateKey key, String taskNode, List<String> holders,
      ActorRef<HoldersRecorded> replyTo) implements Command {
    public RecordHolders {
      holders = List.copyOf(holders);
    }
  }

  /** The answer to {@link RecordHolders}: null, or why the holders were not recorded. */
  public record HoldersRecorded(String error) implements WireMessage {}

  /** The cluster removed a member: the jobs it owned leave the store ({@link ReplicaOwners}). Local only. */
  private record MemberGone(ClusterEvent.MemberRemoved event) implements Command {}

  /** A host keeping the replicas other nodes' tasks copy to this node in {@code replicas}. */
  public static Behavior<Command> create(ReplicaStore replicas) {
    return create(replicas, new AtomicInteger());
  }

  /**
   * {@link #create(ReplicaStore)} counting its live tasks in {@code live} as well, for a node that reports them
   * (its agent reads the count at any time).
   */
  public static Behavior<Command> create(ReplicaStore replicas, AtomicInteger live) {
    return create(replicas, live, null);
  }

  /**
   * {@link #create(ReplicaStore, AtomicInteger)} for the driver, whose {@code directory} (the one its
   * {@link ClusterReplicas} keeps) learns the holders tasks on nodes choose ({@link RecordHolders}).
   */
  public static Behavior<Command> create(ReplicaStore replicas, AtomicInteger live, ReplicaDirectory directory) {
    return Behaviors.setup(ctx -> {
      ReplicaTransfers transfers = new ReplicaTransfers();
      SnapshotAttempts attempts = new SnapshotAttempts();
      boolean clustered = "cluster".equals(ctx.getSystem().settings().config().getString("pekko.actor.provider"));
      ReplicaOwners owners = new ReplicaOwners(replicas, attempts, transfers,
          address -> !clustered || isMember(ctx.getSystem(), address));
      if (clustered) {
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
            ctx.messageAdapter(ClusterEvent.MemberRemoved.class, MemberGone::new), ClusterEvent.MemberRemoved.class));
      }
      int chunkBytes = HostReplicaTransport.chunkBytes(ctx.getSystem());
      return Behaviors.receive(Command.class)
          .onMessage(Reserve.class, reserve -> {
            Map<Integer, ActorRef<TaskActor.Command>> shells = new HashMap<>();
            for (int id : reserve.taskIds()) {
              shells.put(id, ctx.spawn(TaskShell.create(live), actorName(reserve.job()) + "-task-" + id));
            }
            reserve.replyTo().tell(new Reserved(shells));
            return Behaviors.same();
          })
          .onMessage(StoreSnapshot.class, store -> {
            SnapshotStored answer;
            try {
              TaskSnapshot s = store.snapshot();
              owners.record(store.jobId(), store.owner());
              attempts.admit(store.jobId(), s.key(), s.epoch(), store.attempt());
              answer = new SnapshotStored(replicas.put(store.jobId(), s), null);
            } catch (RuntimeException e) {
              answer = new SnapshotStored(null, e.toString());
            }
            store.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(StoreChunk.class, chunk -> {
            SnapshotStored answer;
            try {
              ChunkedBytes whole = transfers.receive(chunk.transfer(), chunk.jobId(), chunk.header(), chunk.seq(),
                  chunk.bytes(), System.nanoTime());
              EpochMetadata.TaskEntry entry = null;
              if (whole != null) {
                TaskSnapshot s = TaskSnapshot.decode(whole);
                owners.record(chunk.jobId(), chunk.owner());
                attempts.admit(chunk.jobId(), s.key(), s.epoch(), chunk.attempt());
                entry = replicas.put(chunk.jobId(), s);
              }
              answer = new SnapshotStored(entry, null);
            } catch (RuntimeException e) {
              answer = new SnapshotStored(null, e.toString());
            }
            chunk.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(FetchChunk.class, fetch -> {
            ChunkFetched answer;
            try {
              answer = new ChunkFetched(transfers.chunk(fetch.transfer(), fetch.seq(), System.nanoTime()), null);
            } catch (RuntimeException e) {
              answer = new ChunkFetched(null, e.toString());
            }
            fetch.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(CompleteEpoch.class, complete -> {
            EpochCompleted answer;
            try {
              owners.record(complete.jobId(), complete.owner());
              replicas.markCompleteHeld(complete.jobId(), EpochMetadata.decode(complete.metadata()));
              answer = new EpochCompleted(replicas.memoryBytes(), replicas.snapshotBytes(), null);
            } catch (RuntimeException e) {
              answer = new EpochCompleted(0, 0, e.toString());
            }
            complete.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(PruneReplicas.class, prune -> {
            Pruned answer;
            try {
              if (prune.epoch() < 0) {
                owners.removeJob(prune.jobId());
                answer = new Pruned(0, null);
              } else {
                answer = new Pruned(replicas.prune(prune.jobId(), prune.epoch()), null);
              }
            } catch (RuntimeException e) {
              answer = new Pruned(0, e.toString());
            }
            prune.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(FetchReplica.class, fetch -> {
            SnapshotFetched answer;
            try {
              ChunkedBytes encoded;
              if (fetch.epoch() < 0) {
                encoded = replicas.latestComplete(fetch.jobId()).map(m -> ChunkedBytes.wrap(m.encode())).orElse(null);
              } else {
                encoded = (fetch.materialized() ? replicas.get(fetch.jobId(), fetch.epoch(), fetch.key())
                    : replicas.getStored(fetch.jobId(), fetch.epoch(), fetch.key())).map(TaskSnapshot::encodeChunked)
                    .orElse(null);
              }
              if (encoded != null && encoded.length() > chunkBytes) {
                String transfer = transfers.offer(fetch.jobId(), encoded, chunkBytes, System.nanoTime());
                answer = new SnapshotFetched(null, null, transfer, transfers.headerOf(transfer));
              } else {
                answer = new SnapshotFetched(encoded == null ? null : encoded.toByteArray(), null);
              }
            } catch (RuntimeException e) {
              answer = new SnapshotFetched(null, e.toString());
            }
            fetch.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(RecordHolders.class, record -> {
            String error = null;
            if (directory == null) {
              error = "this member keeps no replica directory (only a driver does)";
            } else {
              List<String> current = directory.current(record.jobId(), record.key());
              if (!current.isEmpty() && !current.get(current.size() - 1).equals(record.taskNode())) {
                error = record.key() + " of job " + record.jobId() + " no longer runs on " + record.taskNode()
                    + " (its holders are " + current + ")";
              } else {
                try {
                  directory.assign(record.jobId(), record.key(), record.holders());
                } catch (RuntimeException e) {
                  error = e.toString();
                }
              }
            }
            record.replyTo().tell(new HoldersRecorded(error));
            return Behaviors.same();
          })
          .onMessage(MemberGone.class, gone -> {
            List<String> dropped = owners.memberRemoved(gone.event());
            if (!dropped.isEmpty()) {
              ctx.getLog().info("Dropped the replicas of jobs {} of driver {}, which left the cluster", dropped,
                  gone.event().member().address());
            }
            return Behaviors.same();
          })
          .onMessage(RunningTasks.class, ask -> {
            ask.replyTo().tell(new TaskCount(live.get()));
            return Behaviors.same();
          })
          .build();
    });
  }

  /** Whether a member at {@code address} is in {@code system}'s cluster now. */
  private static boolean isMember(org.apache.pekko.actor.typed.ActorSystem<?> system, String address) {
    for (org.apache.pekko.cluster.Member m : Cluster.get(system).state().getMembers()) {
      if (m.address().toString().equals(address)) {
        return true;
      }
    }
    return false;
  }

  /** {@code job} with the characters actor names do not allow replaced. */
  static String actorName(String job) {
    return job.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }
}
