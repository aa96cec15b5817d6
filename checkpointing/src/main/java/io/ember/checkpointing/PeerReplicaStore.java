package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A {@link ReplicaStore} whose snapshots live in the replica stores of other nodes, reached through a
 * {@link ReplicaTransport}: the store of a cluster job's coordinator, and of every node that runs the job's tasks.
 *
 * <ul>
 *   <li>{@link #put} copies the snapshot to the task's holders ({@link ReplicaPeers#choose}, recorded in the
 *       {@link ReplicaDirectory}) in parallel and returns once every holder stored it, so a task acknowledges its
 *       epoch only when its replicas hold the snapshot. When a holder is no longer live (or fewer peers hold the
 *       task's snapshots than {@code replicas} while more nodes are live), the live holders stay and the count is
 *       topped up with the live nodes {@link ReplicaPeers#choose} orders first for the task; a holder lost during
 *       the copy (it failed and is no longer live) does not fail the put: it starts again with the live holders,
 *       at most {@value #MAX_PUT_ATTEMPTS} times. {@link #putAsync} does
 *       the same on a copying thread, a task's copies one after the other, so the task does not wait for them. A
 *       delta whose base a
 *       holder may lack (a new holder, or a put that failed before) goes as the full snapshot it gives, to every
 *       holder so that all hold the same copy the epoch's metadata lists: its base is materialized by a live holder
 *       of the task's chain. Only when none has it does the put fail, and the task's recovery then starts over
 *       with a full snapshot. Each copy carries the task's recovery attempt when the task tells it
 *       ({@link #putAsync(String, TaskSnapshot, int)}): holders keep the newest attempt's copies
 *       ({@link SnapshotAttempts}).
 *   <li>{@link #markComplete} replicates the epoch's metadata to every live node that holds snapshots of the job
 *       ({@link ReplicaStore#markCompleteHeld} there), and keeps it here; every task the metadata lists must have a
 *       live holder. {@link #prune} and {@link #removeJob} go to the same nodes, so old epochs leave the peers too;
 *       a holder that stops being live during one of them is left out rather than waited for.
 *   <li>{@link #get} and {@link #getStored} (recovery, and writing a checkpoint location) fetch the task's chain from
 *       the first live holder that has it, so a task is restored from a peer's copy whichever node was lost.
 *       {@link #latestComplete} answers from this store's metadata, or else from the newest a live holder has.
 *   <li>{@link #memoryBytes()} and {@link #snapshotBytes()} are what the holders' stores reported at the last
 *       completion (whole stores, every job they hold), summed over the live holders.
 * </ul>
 *
 * <p>Thread-safe. Operations wait at most {@code timeout} for the holders; a holder that does not answer in time
 * fails the operation with a typed error naming it.
 */
public final class PeerReplicaStore implements ReplicaStore {
  private final String taskNode;
  private final Supplier<? extends Collection<String>> nodes;
  private final int replicas;
  private final ReplicaDirectory directory;
  private final ReplicaTransport transport;
  private final Duration timeout;
  private final boolean localCopy;
  private final HolderRecorder recorder;
  /** Holds the epochs' metadata only: no snapshots are put into it. */
  private final HeapReplicaStore metadata = new HeapReplicaStore();
  private final Map<String, ReplicaTransport.Usage> usage = new ConcurrentHashMap<>();
  /** Puts of one snapshot, each to the holders live at its start, while holders are lost during them. */
  static final int MAX_PUT_ATTEMPTS = 3;
  /** Per task, the copy {@link #putAsync} made last while it is not done: the next one waits for it. */
  private final Map<TaskOfJob, CompletableFuture<EpochMetadata.TaskEntry>> copies = new ConcurrentHashMap<>();
  /** Makes {@link #putAsync}'s copies: daemon threads, as many as copies wait for holders at once. */
  private static final ExecutorService COPIES = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ember-replica-copy");
    t.setDaemon(true);
    return t;
  });
  /** Per task, its last snapshot put through this store and every holder that stored it. */
  private final Map<TaskOfJob, Placed> placed = new ConcurrentHashMap<>();

  private record TaskOfJob(String jobId, TaskStateKey key) {}

  /** The epoch of a task's last snapshot put, and the holders that all stored it. */
  private record Placed(long epoch, Set<String> holders) {}

  /**
   * @param taskNode the address of the node whose tasks put through this store (never chosen as a holder while
   *     another node can be)
   * @param nodes the addresses of the nodes that can hold replicas now, asked whenever a task needs holders
   * @param replicas how many nodes hold each snapshot ({@value ReplicaPeers#CONFIG_KEY})
   * @param directory where each task's snapshots go; shared with whoever places tasks on other nodes
   */
  public PeerReplicaStore(String taskNode, Supplier<? extends Collection<String>> nodes, int replicas,
      ReplicaDirectory directory, ReplicaTransport transport, Duration timeout) {
    this(taskNode, nodes, replicas, directory, transport, timeout, false);
  }

  /**
   * As {@link #PeerReplicaStore(String, Supplier, int, ReplicaDirectory, ReplicaTransport, Duration)}; with
   * {@code localCopy} the holders a task gets here are its peers and then {@code taskNode} itself (which the transport
   * must reach), so that a task that survives the loss of its peers still finds its snapshot on its own node.
   */
  public PeerReplicaStore(String taskNode, Supplier<? extends Collection<String>> nodes, int replicas,
      ReplicaDirectory directory, ReplicaTransport transport, Duration timeout, boolean localCopy) {
    this(taskNode, nodes, replicas, directory, transport, timeout, localCopy, null);
  }

  /**
   * As {@link #PeerReplicaStore(String, Supplier, int, ReplicaDirectory, ReplicaTransport, Duration, boolean)}, for
   * the store of a task that runs away from its coordinator: whenever the store chooses new holders for a task (a
   * holder was lost, or more nodes are live than hold copies), {@code recorder} tells the coordinator's directory
   * before any snapshot goes to them, so that recovery looks for the task's snapshots where they are. Null: no one
   * else keeps a directory.
   */
  public PeerReplicaStore(String taskNode, Supplier<? extends Collection<String>> nodes, int replicas,
      ReplicaDirectory directory, ReplicaTransport transport, Duration timeout, boolean localCopy,
      HolderRecorder recorder) {
    ReplicaPeers.choose(new TaskStateKey(0, 0), taskNode, List.of(taskNode), replicas); // checks replicas
    this.taskNode = taskNode;
    this.nodes = nodes;
    this.replicas = replicas;
    this.directory = directory;
    this.transport = transport;
    this.timeout = timeout;
    this.localCopy = localCopy;
    this.recorder = recorder;
  }

  /** Records a task's new holders in its coordinator's {@link ReplicaDirectory} (on another node). */
  @FunctionalInterface
  public interface HolderRecorder {
    /**
     * Completes once the coordinator's directory has {@code holders} as {@code key}'s current holders of job
     * {@code jobId} ({@link ReplicaDirectory#assign}); exceptionally when it could not be told.
     */
    CompletionStage<Void> record(String jobId, TaskStateKey key, List<String> holders);
  }

  /** The directory of where each task's replicas are. */
  public ReplicaDirectory directory() {
    return directory;
  }

  /**
   * {@inheritDoc}
   *
   * @throws EmberRuntimeException {@code REPLICA_PUT_FAILED} when a holder did not store the snapshot in time or
   *     refused it (its reason is in the message)
   */
  @Override
  public EpochMetadata.TaskEntry put(String jobId, TaskSnapshot snapshot) {
    return put(jobId, snapshot, SnapshotAttempts.UNKNOWN);
  }

  /**
   * {@link #put(String, TaskSnapshot)} by a task in recovery attempt {@code taskAttempt}
   * ({@link SnapshotAttempts#UNKNOWN}: not told), which every copy carries: a holder that stored a copy of a newer
   * attempt of the task refuses it ({@link SnapshotAttempts}), and the put fails with the holder's reason.
   */
  public EpochMetadata.TaskEntry put(String jobId, TaskSnapshot snapshot, int taskAttempt) {
    checkOpen();
    for (int round = 1; ; round++) {
      List<String> holders = holdersFor(jobId, snapshot.key());
      try {
        return putTo(jobId, snapshot, holders, taskAttempt);
      } catch (EmberRuntimeException e) {
        if (round >= MAX_PUT_ATTEMPTS || holders.stream().allMatch(transport::isLive)) {
          throw e;
        }
        // a holder was lost during the copy: the next attempt goes to the live holders, topped up
      }
    }
  }

  /** Stores {@code snapshot} on every one of {@code holders}, the full snapshot where a holder may lack a delta's base. */
  private EpochMetadata.TaskEntry putTo(String jobId, TaskSnapshot snapshot, List<String> holders, int taskAttempt) {
    TaskOfJob task = new TaskOfJob(jobId, snapshot.key());
    TaskSnapshot toPut = snapshot;
    Placed before = placed.get(task);
    if (snapshot.isDelta()
        && (before == null || before.epoch() != snapshot.baseEpoch() || !before.holders().containsAll(holders))) {
      toPut = materialize(jobId, snapshot);
    }
    placed.remove(task); // known again only once every holder stored this one
    Map<String, CompletableFuture<EpochMetadata.TaskEntry>> puts = new LinkedHashMap<>();
    for (String h : holders) {
      puts.put(h, transport.put(h, jobId, toPut, taskAttempt).toCompletableFuture());
    }
    EpochMetadata.TaskEntry entry = null;
    for (Map.Entry<String, CompletableFuture<EpochMetadata.TaskEntry>> p : puts.entrySet()) {
      EpochMetadata.TaskEntry e;
      try {
        e = await(p.getValue());
      } catch (RuntimeException failure) {
        throw new EmberRuntimeException("REPLICA_PUT_FAILED", "The snapshot of " + snapshot.key() + " at epoch "
            + snapshot.epoch() + " of job " + jobId + " was not stored on node " + p.getKey() + ": "
            + failure.getMessage(), failure);
      }
      if (entry != null && !entry.equals(e)) {
        throw new EmberRuntimeException("REPLICA_PUT_FAILED", "The replicas of " + snapshot.key() + " at epoch "
            + snapshot.epoch() + " of job " + jobId + " differ between holders: " + entry + " and " + e);
      }
      entry = e;
    }
    placed.put(task, new Placed(snapshot.epoch(), Set.copyOf(holders)));
    return entry;
  }

  /**
   * {@inheritDoc} The copies are made on a thread of a pool shared by every store of the process ({@link #put}'s
   * work there, waiting for the holders), after the copies of the task's previous snapshot, so the task goes on
   * while the holders store it.
   */
  @Override
  public CompletionStage<EpochMetadata.TaskEntry> putAsync(String jobId, TaskSnapshot snapshot) {
    return putAsync(jobId, snapshot, SnapshotAttempts.UNKNOWN);
  }

  /** {@inheritDoc} As {@link #putAsync(String, TaskSnapshot)}, each copy carrying {@code attempt}. */
  @Override
  public CompletionStage<EpochMetadata.TaskEntry> putAsync(String jobId, TaskSnapshot snapshot, int attempt) {
    checkOpen();
    TaskOfJob task = new TaskOfJob(jobId, snapshot.key());
    CompletableFuture<EpochMetadata.TaskEntry> stored = new CompletableFuture<>();
    CompletableFuture<?> before = copies.put(task, stored);
    Runnable copy = () -> {
      try {
        stored.complete(put(jobId, snapshot, attempt));
      } catch (RuntimeException e) {
        stored.completeExceptionally(e);
      } finally {
        copies.remove(task, stored);
      }
    };
    if (before == null) {
      COPIES.execute(copy);
    } else {
      before.whenComplete((entry, failure) -> COPIES.execute(copy));
    }
    return stored;
  }

  /**
   * The full snapshot equal to delta {@code delta}: its base materialized by a live holder of the task's chain (the
   * holders its previous snapshot went to are among them), with the delta on top.
   *
   * @throws EmberRuntimeException {@code REPLICA_PUT_FAILED} when no live holder has the base
   */
  private TaskSnapshot materialize(String jobId, TaskSnapshot delta) {
    Optional<TaskSnapshot> base;
    try {
      base = fetch(jobId, delta.baseEpoch(), delta.key(), true);
    } catch (EmberRuntimeException e) {
      base = Optional.empty();
    }
    if (base.isEmpty()) {
      throw new EmberRuntimeException("REPLICA_PUT_FAILED", "The snapshot of " + delta.key() + " at epoch "
          + delta.epoch() + " of job " + jobId + " is a delta on epoch " + delta.baseEpoch() + ", which no live holder"
          + " of its replicas has (" + directory.holders(jobId, delta.key()) + "); the task must send a full snapshot.");
    }
    return SnapshotChains.materialize(List.of(base.get(), delta));
  }

  /**
   * The holders the next snapshot of {@code key} goes to. Its current ones while all are live and they are as many
   * peers as it should have; otherwise the live ones among them, topped up to {@code replicas} peers with the live
   * nodes {@link ReplicaPeers#choose} orders first for the task (so every store choosing over the same live nodes
   * picks the same ones), then the task's own node when it keeps a local copy or held one already. The new choice is
   * recorded in the directory, after the coordinator's when there is a {@link HolderRecorder}.
   */
  private List<String> holdersFor(String jobId, TaskStateKey key) {
    List<String> current = directory.current(jobId, key);
    List<String> live = new ArrayList<>();
    for (String n : nodes.get()) {
      if (transport.isLive(n)) {
        live.add(n);
      }
    }
    boolean allLive = !current.isEmpty() && current.stream().allMatch(transport::isLive);
    if (allLive && peersOf(current).size() >= Math.min(replicas, peersOf(live).size())) {
      return current;
    }
    if (live.isEmpty()) {
      throw new EmberRuntimeException("REPLICA_UNAVAILABLE", "No live node can hold the snapshots of " + key
          + " of job " + jobId + "; the cluster has no live node with a task host.");
    }
    List<String> chosen = new ArrayList<>();
    for (String h : peersOf(current)) {
      if (transport.isLive(h) && chosen.size() < replicas) {
        chosen.add(h);
      }
    }
    for (String n : ReplicaPeers.choose(key, taskNode, live, live.size())) {
      if (chosen.size() >= replicas) {
        break;
      }
      if (!chosen.contains(n)) {
        chosen.add(n); // the task's own node only when no other node is live
      }
    }
    boolean heldLocally = current.contains(taskNode) && transport.isLive(taskNode);
    if ((localCopy || heldLocally) && !chosen.contains(taskNode) && transport.isLive(taskNode)) {
      chosen.add(taskNode);
    }
    if (!chosen.equals(current)) {
      if (recorder != null) {
        try {
          await(recorder.record(jobId, key, List.copyOf(chosen)).toCompletableFuture());
        } catch (RuntimeException e) {
          throw new EmberRuntimeException("REPLICA_PUT_FAILED", "The new replica holders " + chosen + " of " + key
              + " of job " + jobId + " could not be recorded with the job's coordinator: " + e.getMessage(), e);
        }
      }
      directory.assign(jobId, key, chosen);
    }
    return List.copyOf(chosen);
  }

  /** {@code holders} other than the task's own node. */
  private List<String> peersOf(List<String> holders) {
    return holders.stream().filter(h -> !h.equals(taskNode)).toList();
  }

  @Override
  public Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key) {
    return fetch(jobId, epoch, key, true);
  }

  @Override
  public Optional<TaskSnapshot> getStored(String jobId, long epoch, TaskStateKey key) {
    return fetch(jobId, epoch, key, false);
  }

  /**
   * The snapshot from the first live holder of {@code key} that has it; empty when every live holder answered that
   * it has none, or the job's holders are unknown here.
   *
   * @throws EmberRuntimeException {@code REPLICA_UNAVAILABLE} when no holder answered (all lost or failing)
   */
  private Optional<TaskSnapshot> fetch(String jobId, long epoch, TaskStateKey key, boolean materialized) {
    checkOpen();
    List<String> holders = directory.holders(jobId, key);
    if (holders.isEmpty()) {
      holders = directory.holdersOf(jobId);
    }
    List<String> problems = new ArrayList<>();
    boolean answered = false;
    for (String h : holders) {
      if (!transport.isLive(h)) {
        problems.add(h + " is not live");
        continue;
      }
      try {
        Optional<TaskSnapshot> s = await(transport.fetch(h, jobId, epoch, key, materialized).toCompletableFuture());
        if (s.isPresent()) {
          return s;
        }
        answered = true;
      } catch (RuntimeException e) {
        problems.add(h + " failed: " + e.getMessage());
      }
    }
    if (answered || holders.isEmpty()) {
      return Optional.empty();
    }
    throw new EmberRuntimeException("REPLICA_UNAVAILABLE", "No node holding the replicas of " + key + " at epoch "
        + epoch + " of job " + jobId + " could give them (" + String.join("; ", problems) + "). Restart the query"
        + " from its checkpointLocation if it has one.");
  }

  /**
   * {@inheritDoc} A holder that stops being live while it completes the epoch (it froze or was lost, and the
   * transport gave up on it) is left out, as a holder that was not live at the start: the epoch completes on the
   * others as long as every listed task has a current holder among those that took the metadata.
   *
   * @throws EmberRuntimeException {@code REPLICA_COMPLETE_FAILED} when a holder that is still live did not take the
   *     metadata in time or refused it; {@code REPLICA_UNAVAILABLE} when a listed task has no live holder, or none of
   *     its holders took the metadata
   */
  @Override
  public void markComplete(String jobId, EpochMetadata epochMetadata) {
    checkOpen();
    for (EpochMetadata.TaskEntry t : epochMetadata.tasks()) {
      List<String> current = directory.current(jobId, t.key());
      if (current.isEmpty()) {
        throw new IllegalStateException("Epoch " + epochMetadata.epoch() + " of job " + jobId + " cannot complete:"
            + " the snapshot of " + t.key() + " was never stored");
      }
      if (current.stream().noneMatch(transport::isLive)) {
        throw new EmberRuntimeException("REPLICA_UNAVAILABLE", "Epoch " + epochMetadata.epoch() + " of job " + jobId
            + " cannot complete: no node holding the snapshot of " + t.key() + " is live (" + current + ")");
      }
    }
    Map<String, CompletableFuture<ReplicaTransport.Usage>> sent = new LinkedHashMap<>();
    for (String h : directory.holdersOf(jobId)) {
      if (transport.isLive(h)) {
        sent.put(h, transport.complete(h, jobId, epochMetadata).toCompletableFuture());
      }
    }
    Set<String> completed = new HashSet<>();
    List<String> left = new ArrayList<>();
    for (Map.Entry<String, CompletableFuture<ReplicaTransport.Usage>> s : sent.entrySet()) {
      try {
        usage.put(s.getKey(), await(s.getValue()));
        completed.add(s.getKey());
      } catch (RuntimeException e) {
        if (transport.isLive(s.getKey())) {
          throw new EmberRuntimeException("REPLICA_COMPLETE_FAILED", "Epoch " + epochMetadata.epoch() + " of job "
              + jobId + " could not complete on node " + s.getKey() + ": " + e.getMessage(), e);
        }
        left.add(s.getKey() + " (" + e.getMessage() + ")"); // lost meanwhile: its copies no longer count
      }
    }
    for (EpochMetadata.TaskEntry t : epochMetadata.tasks()) {
      List<String> current = directory.current(jobId, t.key());
      if (current.stream().noneMatch(completed::contains)) {
        throw new EmberRuntimeException("REPLICA_UNAVAILABLE", "Epoch " + epochMetadata.epoch() + " of job " + jobId
            + " cannot complete: every node holding the snapshot of " + t.key() + " (" + current + ") was lost while"
            + " completing it: " + String.join("; ", left));
      }
    }
    metadata.markCompleteHeld(jobId, epochMetadata);
  }

  @Override
  public void markCompleteHeld(String jobId, EpochMetadata epochMetadata) {
    markComplete(jobId, epochMetadata);
  }

  @Override
  public Optional<EpochMetadata> latestComplete(String jobId) {
    checkOpen();
    Optional<EpochMetadata> here = metadata.latestComplete(jobId);
    if (here.isPresent()) {
      return here;
    }
    EpochMetadata newest = null;
    for (String h : directory.holdersOf(jobId)) {
      if (!transport.isLive(h)) {
        continue;
      }
      try {
        Optional<EpochMetadata> m = await(transport.latestComplete(h, jobId).toCompletableFuture());
        if (m.isPresent() && (newest == null || m.get().epoch() > newest.epoch())) {
          newest = m.get();
        }
      } catch (RuntimeException e) {
        // another holder may answer; with none, there is no complete epoch to recover from
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * {@inheritDoc} Counts the snapshots removed on every live holder (each copy counts); a holder that stops being live
   * meanwhile is left out (it drops the job's copies when the job is removed, or is gone).
   */
  @Override
  public int prune(String jobId, long epoch) {
    checkOpen();
    metadata.prune(jobId, epoch);
    Map<String, CompletableFuture<Integer>> sent = new LinkedHashMap<>();
    for (String h : directory.holdersOf(jobId)) {
      if (transport.isLive(h)) {
        sent.put(h, transport.prune(h, jobId, epoch).toCompletableFuture());
      }
    }
    int removed = 0;
    for (Map.Entry<String, CompletableFuture<Integer>> s : sent.entrySet()) {
      try {
        removed += await(s.getValue());
      } catch (RuntimeException e) {
        if (!transport.isLive(s.getKey())) {
          continue;
        }
        throw new EmberRuntimeException("REPLICA_PRUNE_FAILED", "Epochs before " + epoch + " of job " + jobId
            + " could not be pruned on node " + s.getKey() + ": " + e.getMessage(), e);
      }
    }
    return removed;
  }

  /** {@inheritDoc} Holders that are lost or do not answer in time keep nothing of the job once they are gone. */
  @Override
  public void removeJob(String jobId) {
    checkOpen();
    metadata.removeJob(jobId);
    placed.keySet().removeIf(t -> t.jobId().equals(jobId));
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (String h : directory.holdersOf(jobId)) {
      if (transport.isLive(h)) {
        sent.add(transport.removeJob(h, jobId).toCompletableFuture());
      }
    }
    directory.removeJob(jobId);
    for (CompletableFuture<Void> s : sent) {
      try {
        await(s);
      } catch (RuntimeException e) {
        // the job ended either way; a holder that did not answer has left or drops the job's replicas with it
      }
    }
  }

  @Override
  public long memoryBytes() {
    return usage.entrySet().stream().filter(e -> transport.isLive(e.getKey()))
        .mapToLong(e -> e.getValue().memoryBytes()).sum();
  }

  @Override
  public long snapshotBytes() {
    return usage.entrySet().stream().filter(e -> transport.isLive(e.getKey()))
        .mapToLong(e -> e.getValue().snapshotBytes()).sum();
  }

  /** Releases the metadata held here; the holders keep their copies until the jobs are removed. */
  @Override
  public void close() {
    metadata.close();
  }

  private void checkOpen() {
    if (metadata.isClosed()) {
      throw new IllegalStateException("The replica store " + this + " is closed");
    }
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmberRuntimeException("REPLICA_INTERRUPTED", "Interrupted while waiting for a replica holder", e);
    } catch (TimeoutException e) {
      throw new EmberRuntimeException("REPLICA_TIMEOUT", "no answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new EmberRuntimeException("REPLICA_FAILED",
          String.valueOf(cause), cause);
    }
  }

  @Override
  public String toString() {
    return "PeerReplicaStore[" + taskNode + ", " + replicas + " replicas]";
  }
}
