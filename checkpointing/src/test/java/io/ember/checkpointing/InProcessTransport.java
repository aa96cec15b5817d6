package io.ember.checkpointing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A {@link ReplicaTransport} over one {@link HeapReplicaStore} per node name, in this process. A node can be
 * {@linkplain #lose lost}: its store is closed and it stops being live, as a killed node. Snapshots travel encoded,
 * as over the wire, and each node keeps the newest attempt's copies ({@link SnapshotAttempts}), as a node's task host.
 */
final class InProcessTransport implements ReplicaTransport, AutoCloseable {
  private final Map<String, HeapReplicaStore> stores = new HashMap<>();
  private final Set<String> lost = new HashSet<>();
  private final Map<String, CompletableFuture<Void>> lostSignals = new HashMap<>();
  /** Puts each node's store received, by node. */
  final Map<String, Integer> puts = new HashMap<>();

  /** Each node's record of the attempts of the copies it stored. */
  private final Map<String, SnapshotAttempts> attempts = new HashMap<>();

  InProcessTransport(List<String> nodes) {
    nodes.forEach(n -> {
      stores.put(n, new HeapReplicaStore());
      attempts.put(n, new SnapshotAttempts());
    });
  }

  synchronized HeapReplicaStore store(String node) {
    return stores.get(node);
  }

  /** The node's store is gone and it is no longer a live member. */
  synchronized void lose(String node) {
    lost.add(node);
    stores.get(node).close();
    lostSignal(node).complete(null);
  }

  /** Completes once {@code node} is {@linkplain #lose lost}. */
  synchronized CompletableFuture<Void> lostSignal(String node) {
    return lostSignals.computeIfAbsent(node, n -> new CompletableFuture<>());
  }

  synchronized List<String> liveNodes() {
    return stores.keySet().stream().filter(n -> !lost.contains(n)).sorted().toList();
  }

  private synchronized <T> CompletionStage<T> on(String node, java.util.function.Function<HeapReplicaStore, T> op) {
    if (lost.contains(node)) {
      return CompletableFuture.failedFuture(new IllegalStateException("node " + node + " is unreachable"));
    }
    try {
      return CompletableFuture.completedFuture(op.apply(stores.get(node)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
      int attempt) {
    byte[] wire = snapshot.encode();
    synchronized (this) {
      puts.merge(holder, 1, Integer::sum);
    }
    return on(holder, s -> {
      attempts.get(holder).admit(jobId, snapshot.key(), snapshot.epoch(), attempt); // as a node's task host does
      return s.put(jobId, TaskSnapshot.decode(wire));
    });
  }

  @Override
  public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
    byte[] wire = metadata.encode();
    return on(holder, s -> {
      s.markCompleteHeld(jobId, EpochMetadata.decode(wire));
      return new Usage(s.memoryBytes(), s.snapshotBytes());
    });
  }

  @Override
  public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
    return on(holder, s -> s.prune(jobId, epoch));
  }

  @Override
  public CompletionStage<Void> removeJob(String holder, String jobId) {
    return on(holder, s -> {
      s.removeJob(jobId);
      attempts.get(holder).removeJob(jobId);
      return null;
    });
  }

  @Override
  public CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
      boolean materialized) {
    return on(holder, s -> (materialized ? s.get(jobId, epoch, key) : s.getStored(jobId, epoch, key))
        .map(t -> TaskSnapshot.decode(t.encode())));
  }

  @Override
  public CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId) {
    return on(holder, s -> s.latestComplete(jobId));
  }

  @Override
  public synchronized boolean isLive(String holder) {
    return stores.containsKey(holder) && !lost.contains(holder);
  }

  Supplier<List<String>> nodes() {
    return this::liveNodes;
  }

  @Override
  public synchronized void close() {
    stores.values().forEach(HeapReplicaStore::close);
  }
}
