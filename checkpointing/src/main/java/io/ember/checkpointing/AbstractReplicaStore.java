package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bookkeeping of a {@link ReplicaStore} (which epochs and snapshots exist, which epoch is complete, what was
 * pruned, which chains of deltas each snapshot needs) over a byte storage a subclass provides. The index is guarded
 * by this object's monitor; the storage is called outside it and must be thread-safe itself. A put writes its
 * bytes before it registers them, and drops them again when a prune overtook it, so storage never keeps bytes the
 * index does not know.
 *
 * <p>Chains: a delta snapshot needs its base, and the base its own, down to a full one. When an epoch completes,
 * each of its task snapshots whose chain the store's {@link CompactionPolicy} calls for compacting (by default once
 * the deltas since the last full snapshot hold half the bytes of that snapshot, or 500 deltas) is compacted on the
 * store's compaction executor (never on the putting task's thread): the materialized full snapshot is stored beside
 * the delta, and the chain below it can then be pruned. A chain with a compaction under way is not compacted again
 * until it ends.
 */
abstract class AbstractReplicaStore implements ReplicaStore {
  /** Where one snapshot lives in storage: as put, or {@code compacted} into a full one. */
  record SnapshotId(String jobId, long epoch, TaskStateKey key, boolean compacted) {
    SnapshotId(String jobId, long epoch, TaskStateKey key) {
      this(jobId, epoch, key, false);
    }
  }

  /** What the index knows of one stored snapshot. Guarded by the store's monitor. */
  private static final class Held {
    final long size;
    final long checksum;
    final long baseEpoch;
    /** The size of the compacted full snapshot stored beside a delta, -1 while there is none. */
    long compactedSize = -1;
    long compactedChecksum;
    boolean compacting;

    Held(long size, long checksum, long baseEpoch) {
      this.size = size;
      this.checksum = checksum;
      this.baseEpoch = baseEpoch;
    }

    /** Whether the chain ends here: a full snapshot, or a delta with its compacted form. */
    boolean isBase() {
      return baseEpoch == TaskSnapshot.FULL || compactedSize >= 0;
    }

    long bytes() {
      return size + Math.max(0, compactedSize);
    }
  }

  /** The index of one job. */
  private static final class JobIndex {
    /** Per epoch, per task, the snapshot held. */
    final NavigableMap<Long, Map<TaskStateKey, Held>> epochs = new TreeMap<>();
    EpochMetadata complete;
    long floor = Long.MIN_VALUE;

    long latestEpoch() {
      return complete == null ? -1 : complete.epoch();
    }

    Held held(long epoch, TaskStateKey key) {
      Map<TaskStateKey, Held> tasks = epochs.get(epoch);
      return tasks == null ? null : tasks.get(key);
    }
  }

  /** One stored copy a read of a chain needs, with the size and checksum it must have. */
  private record Part(SnapshotId id, long size, long checksum) {}

  private static final System.Logger LOG = System.getLogger(AbstractReplicaStore.class.getName());

  private final Map<String, JobIndex> jobs = new HashMap<>();
  private final CompactionPolicy compaction;
  /** Null until the first compaction when the store makes its own thread. */
  private Executor compactor;
  private ExecutorService ownCompactor;
  private long snapshotBytes;
  private boolean closed;

  /**
   * @param compaction when a chain is compacted
   * @param compactor runs compactions; null for a daemon thread of the store's own, made on first use
   */
  AbstractReplicaStore(CompactionPolicy compaction, Executor compactor) {
    this.compaction = Objects.requireNonNull(compaction, "compaction");
    this.compactor = compactor;
  }

  /**
   * Stores {@code encoded} under {@code id}, replacing what was there. The chunks are the caller's and are not
   * changed by anyone: a storage on the heap may keep them as they are.
   */
  protected abstract void write(SnapshotId id, ChunkedBytes encoded);

  /** The size and checksum of a snapshot's encoding as stored. */
  record Stored(long size, long checksum) {}

  /**
   * Stores {@code snapshot} encoded ({@link TaskSnapshot#encode}) under {@code id}, replacing what was there, and
   * returns the encoding's size and {@link Formats#checksum}. The default encodes it into chunks that share the
   * operator states' arrays ({@link TaskSnapshot#encodeInChunks}) and calls {@link #write}; a storage that copies the
   * bytes elsewhere anyway may write the pieces there directly.
   */
  protected Stored writeSnapshot(SnapshotId id, TaskSnapshot snapshot) {
    TaskSnapshot.Encoded encoded = snapshot.encodeInChunks();
    write(id, encoded.bytes());
    return new Stored(encoded.bytes().length(), encoded.checksum());
  }

  /** The bytes under {@code id} (in chunks, none larger than the storage's own pieces), or null. */
  protected abstract ChunkedBytes read(SnapshotId id);

  /** Removes what is under {@code id}, if anything. */
  protected abstract void delete(SnapshotId id);

  /** Releases the storage. */
  protected abstract void closeStorage();

  @Override
  public final EpochMetadata.TaskEntry put(String jobId, TaskSnapshot snapshot) {
    SnapshotId id = new SnapshotId(jobId, snapshot.epoch(), snapshot.key());
    synchronized (this) {
      checkOpen();
      checkAccepts(jobs.get(jobId), id);
      checkBase(jobs.get(jobId), id, snapshot);
    }
    Stored stored = writeSnapshot(id, snapshot);
    EpochMetadata.TaskEntry entry = new EpochMetadata.TaskEntry(id.key(), stored.size(), stored.checksum());
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.computeIfAbsent(jobId, j -> new JobIndex());
      if (id.epoch() < job.floor || id.epoch() <= job.latestEpoch()) {
        delete(id); // a prune or completion overtook this put
        checkAccepts(job, id);
      }
      Held before = job.epochs.computeIfAbsent(id.epoch(), e -> new HashMap<>())
          .put(id.key(), new Held(stored.size(), entry.checksum(), snapshot.baseEpoch()));
      snapshotBytes += stored.size();
      if (before != null) {
        snapshotBytes -= before.bytes();
        if (before.compactedSize >= 0) {
          delete(new SnapshotId(jobId, id.epoch(), id.key(), true));
        }
      }
    }
    return entry;
  }

  private static void checkAccepts(JobIndex job, SnapshotId id) {
    if (job == null) {
      return;
    }
    if (id.epoch() <= job.latestEpoch()) {
      throw new IllegalStateException("Cannot store the snapshot of " + id.key() + " at epoch " + id.epoch()
          + " of job " + id.jobId() + ": epoch " + job.latestEpoch() + " is already complete");
    }
    if (id.epoch() < job.floor) {
      throw new IllegalStateException("Cannot store the snapshot of " + id.key() + " at epoch " + id.epoch()
          + " of job " + id.jobId() + ": epochs before " + job.floor + " were pruned");
    }
  }

  private static void checkBase(JobIndex job, SnapshotId id, TaskSnapshot snapshot) {
    if (snapshot.isDelta() && (job == null || job.held(snapshot.baseEpoch(), id.key()) == null)) {
      throw new IllegalStateException("Cannot store the snapshot of " + id.key() + " at epoch " + id.epoch()
          + " of job " + id.jobId() + ": it is a delta on epoch " + snapshot.baseEpoch() + ", which this store does"
          + " not hold; the task must send a full snapshot");
    }
  }

  @Override
  public final Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key) {
    // a compaction may prune the chain while it is read; the index then names the compacted copy
    for (int attempt = 0; ; attempt++) {
      List<Part> parts = chainOf(jobId, epoch, key);
      if (parts.isEmpty()) {
        return Optional.empty(); // never put, or pruned
      }
      List<TaskSnapshot> chain = new ArrayList<>(parts.size());
      for (Part p : parts) {
        Optional<TaskSnapshot> s = readChecked(p);
        if (s.isEmpty()) {
          break;
        }
        chain.add(s.get());
      }
      if (chain.size() == parts.size()) {
        return Optional.of(SnapshotChains.materialize(chain));
      }
      if (attempt == 2) {
        return Optional.empty(); // pruned meanwhile
      }
    }
  }

  /** The stored copies that rebuild {@code key} at {@code epoch}, base first; empty when it is not held. */
  private synchronized List<Part> chainOf(String jobId, long epoch, TaskStateKey key) {
    checkOpen();
    List<Part> parts = new ArrayList<>();
    JobIndex job = jobs.get(jobId);
    for (long e = epoch; ; ) {
      Held h = job == null ? null : job.held(e, key);
      if (h == null) {
        return List.of();
      }
      if (h.compactedSize >= 0) {
        parts.add(0, new Part(new SnapshotId(jobId, e, key, true), h.compactedSize, h.compactedChecksum));
        return parts;
      }
      parts.add(0, new Part(new SnapshotId(jobId, e, key), h.size, h.checksum));
      if (h.baseEpoch == TaskSnapshot.FULL) {
        return parts;
      }
      e = h.baseEpoch;
    }
  }

  /**
   * The deltas a read of {@code key} at {@code epoch} applies to its full snapshot now (0 for a full or compacted
   * one), -1 when the store does not hold it.
   */
  final synchronized int chainLength(String jobId, long epoch, TaskStateKey key) {
    List<Part> parts = chainOf(jobId, epoch, key);
    return parts.size() - 1;
  }

  @Override
  public final Optional<TaskSnapshot> getStored(String jobId, long epoch, TaskStateKey key) {
    Part part;
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.get(jobId);
      Held h = job == null ? null : job.held(epoch, key);
      if (h == null) {
        return Optional.empty();
      }
      part = new Part(new SnapshotId(jobId, epoch, key), h.size, h.checksum);
    }
    return readChecked(part);
  }

  private Optional<TaskSnapshot> readChecked(Part p) {
    ChunkedBytes encoded = read(p.id());
    if (encoded == null) {
      return Optional.empty();
    }
    if (encoded.length() != p.size()) {
      throw damaged(p, encoded.length(), null);
    }
    try {
      return Optional.of(TaskSnapshot.decode(encoded, p.checksum())); // checks the checksum before it parses
    } catch (CheckpointVersionException e) {
      throw e;
    } catch (CheckpointCorruptException e) {
      throw damaged(p, encoded.length(), e);
    }
  }

  private static CheckpointCorruptException damaged(Part p, long length, CheckpointCorruptException cause) {
    String message = "The replica of " + p.id().key() + " at epoch " + p.id().epoch() + " of job " + p.id().jobId()
        + (p.id().compacted() ? " (compacted)" : "") + " does not match its checksum (" + length + " bytes, expected "
        + p.size() + ")" + (cause == null ? "." : ": " + cause.getMessage());
    return cause == null ? new CheckpointCorruptException(message) : new CheckpointCorruptException(message, cause);
  }

  @Override
  public final void markComplete(String jobId, EpochMetadata metadata) {
    complete(jobId, metadata, false);
  }

  @Override
  public final void markCompleteHeld(String jobId, EpochMetadata metadata) {
    complete(jobId, metadata, true);
  }

  /** Completes {@code metadata}'s epoch; {@code heldOnly}: listed snapshots this store does not hold are allowed. */
  private void complete(String jobId, EpochMetadata metadata, boolean heldOnly) {
    long epoch = metadata.epoch();
    List<TaskStateKey> toCompact = new ArrayList<>();
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.computeIfAbsent(jobId, j -> new JobIndex());
      if (epoch <= job.latestEpoch()) {
        throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: epoch "
            + job.latestEpoch() + " already did");
      }
      Map<TaskStateKey, Held> held = job.epochs.getOrDefault(epoch, Map.of());
      List<TaskStateKey> unlisted = new ArrayList<>();
      for (EpochMetadata.TaskEntry t : metadata.tasks()) {
        Held h = held.get(t.key());
        if (h == null && heldOnly) {
          continue;
        }
        if (heldOnly && (h.size != t.sizeBytes() || h.checksum != t.checksum())) {
          unlisted.add(t.key()); // another copy than the epoch's: a replaced task's, this holder no longer current
          continue;
        }
        if (h == null) {
          throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: the snapshot"
              + " of " + t.key() + " was never stored");
        }
        if (h.size != t.sizeBytes()) {
          throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: the stored"
              + " snapshot of " + t.key() + " differs from the one its metadata lists (" + h.size + " bytes, listed "
              + t.sizeBytes() + ")");
        }
      }
      for (TaskStateKey k : held.keySet()) {
        if (metadata.task(k) == null) {
          unlisted.add(k);
        }
      }
      for (TaskStateKey k : unlisted) {
        remove(jobId, job, epoch, k);
      }
      job.epochs.computeIfAbsent(epoch, e -> new HashMap<>());
      job.complete = metadata;
      for (EpochMetadata.TaskEntry t : metadata.tasks()) {
        if (job.held(epoch, t.key()) != null && needsCompaction(job, epoch, t.key())) {
          job.held(epoch, t.key()).compacting = true;
          toCompact.add(t.key());
        }
      }
    }
    for (TaskStateKey key : toCompact) {
      compactor().execute(() -> compact(jobId, epoch, key));
    }
  }

  /** Whether the store's policy calls for compacting the chain of {@code key} at {@code epoch}. */
  private boolean needsCompaction(JobIndex job, long epoch, TaskStateKey key) {
    int deltas = 0;
    long deltaBytes = 0;
    for (Held h = job.held(epoch, key); h != null; h = job.held(h.baseEpoch, key)) {
      if (h.isBase()) {
        long baseBytes = h.compactedSize >= 0 ? h.compactedSize : h.size;
        return compaction.shouldCompact(deltas, deltaBytes, baseBytes);
      }
      if (h.compacting) {
        return false;
      }
      deltas++;
      deltaBytes += h.size;
    }
    return false;
  }

  /** On the compaction executor: stores the materialized snapshot of a chain beside its last delta. */
  private void compact(String jobId, long epoch, TaskStateKey key) {
    SnapshotId compactedId = new SnapshotId(jobId, epoch, key, true);
    Held target = null;
    try {
      synchronized (this) {
        JobIndex job = jobs.get(jobId);
        target = closed || job == null ? null : job.held(epoch, key);
        if (target == null) {
          return;
        }
      }
      Optional<TaskSnapshot> full = get(jobId, epoch, key);
      if (full.isEmpty()) {
        return;
      }
      Stored stored = writeSnapshot(compactedId, full.get());
      synchronized (this) {
        JobIndex job = jobs.get(jobId);
        if (closed || job == null || job.held(epoch, key) != target) {
          delete(compactedId); // pruned, removed or put again meanwhile
          return;
        }
        target.compactedSize = stored.size();
        target.compactedChecksum = stored.checksum();
        snapshotBytes += stored.size();
        removeUnneeded(jobId, job);
      }
    } catch (RuntimeException e) {
      if (!isClosed()) {
        LOG.log(System.Logger.Level.WARNING, "Cannot compact the replicas of " + key + " up to epoch " + epoch
            + " of job " + jobId + "; the chain of deltas is kept", e);
      }
    } finally {
      synchronized (this) {
        if (target != null) {
          target.compacting = false;
        }
      }
    }
  }

  private synchronized Executor compactor() {
    if (compactor == null) {
      ownCompactor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ember-replica-compaction");
        t.setDaemon(true);
        return t;
      });
      compactor = ownCompactor;
    }
    return compactor;
  }

  @Override
  public final synchronized Optional<EpochMetadata> latestComplete(String jobId) {
    checkOpen();
    JobIndex job = jobs.get(jobId);
    return job == null ? Optional.empty() : Optional.ofNullable(job.complete);
  }

  @Override
  public final synchronized int prune(String jobId, long epoch) {
    checkOpen();
    JobIndex job = jobs.get(jobId);
    if (job == null) {
      return 0;
    }
    job.floor = Math.max(job.floor, epoch);
    return removeUnneeded(jobId, job);
  }

  /**
   * Removes the snapshots below the floor that neither are the latest complete epoch's nor lie on the chain of a
   * snapshot kept; returns how many.
   */
  private int removeUnneeded(String jobId, JobIndex job) {
    Set<Long> keptEpochs = new HashSet<>(job.epochs.tailMap(job.floor, true).keySet());
    keptEpochs.add(job.latestEpoch());
    Map<TaskStateKey, Set<Long>> needed = new HashMap<>();
    for (long kept : keptEpochs) {
      for (TaskStateKey k : job.epochs.getOrDefault(kept, Map.of()).keySet()) {
        Set<Long> chain = needed.computeIfAbsent(k, x -> new HashSet<>());
        long e = kept;
        Held h = job.held(e, k);
        while (h != null && chain.add(e) && !h.isBase()) { // a chain walked before ends the walk
          e = h.baseEpoch;
          h = job.held(e, k);
        }
      }
    }
    int removed = 0;
    for (Long e : new ArrayList<>(job.epochs.headMap(job.floor, false).keySet())) {
      if (e == job.latestEpoch()) {
        continue;
      }
      for (TaskStateKey k : new ArrayList<>(job.epochs.get(e).keySet())) {
        if (!needed.getOrDefault(k, Set.of()).contains(e)) {
          remove(jobId, job, e, k);
          removed++;
        }
      }
      if (job.epochs.get(e).isEmpty()) {
        job.epochs.remove(e);
      }
    }
    return removed;
  }

  @Override
  public final synchronized void removeJob(String jobId) {
    checkOpen();
    JobIndex job = jobs.remove(jobId);
    if (job == null) {
      return;
    }
    for (Map.Entry<Long, Map<TaskStateKey, Held>> e : job.epochs.entrySet()) {
      for (TaskStateKey k : new ArrayList<>(e.getValue().keySet())) {
        remove(jobId, job, e.getKey(), k);
      }
    }
  }

  private void remove(String jobId, JobIndex job, long epoch, TaskStateKey key) {
    Held h = job.epochs.get(epoch).remove(key);
    if (h != null) {
      snapshotBytes -= h.bytes();
      delete(new SnapshotId(jobId, epoch, key));
      if (h.compactedSize >= 0) {
        delete(new SnapshotId(jobId, epoch, key, true));
      }
    }
  }

  @Override
  public final synchronized long snapshotBytes() {
    return snapshotBytes;
  }

  @Override
  public final synchronized void close() {
    if (!closed) {
      closed = true;
      jobs.clear();
      snapshotBytes = 0;
      if (ownCompactor != null) {
        ownCompactor.shutdownNow();
      }
      closeStorage();
    }
  }

  /** Whether {@link #close()} ran. */
  protected final synchronized boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The replica store " + this + " is closed");
    }
  }
}
