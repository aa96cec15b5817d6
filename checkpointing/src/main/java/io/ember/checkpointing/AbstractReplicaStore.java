package io.ember.checkpointing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The bookkeeping of a {@link ReplicaStore} (which epochs and snapshots exist, which epoch is complete, what was
 * pruned) over a byte storage a subclass provides. The index is guarded by this object's monitor; the storage is
 * called outside it and must be thread-safe itself. A put writes its bytes before it registers them, and drops
 * them again when a prune overtook it, so storage never keeps bytes the index does not know.
 */
abstract class AbstractReplicaStore implements ReplicaStore {
  /** Where one snapshot lives in storage. */
  record SnapshotId(String jobId, long epoch, TaskStateKey key) {}

  /** The index of one job. */
  private static final class JobIndex {
    /** Per epoch, per task, the encoded size of the snapshot held. */
    final NavigableMap<Long, Map<TaskStateKey, Long>> epochs = new TreeMap<>();
    EpochMetadata complete;
    long floor = Long.MIN_VALUE;

    long latestEpoch() {
      return complete == null ? -1 : complete.epoch();
    }
  }

  private final Map<String, JobIndex> jobs = new HashMap<>();
  private long snapshotBytes;
  private boolean closed;

  /** Stores {@code encoded} under {@code id}, replacing what was there. */
  protected abstract void write(SnapshotId id, byte[] encoded);

  /** The bytes under {@code id}, or null. */
  protected abstract byte[] read(SnapshotId id);

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
    }
    byte[] encoded = snapshot.encode();
    write(id, encoded);
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.computeIfAbsent(jobId, j -> new JobIndex());
      if (id.epoch() < job.floor || id.epoch() <= job.latestEpoch()) {
        delete(id); // a prune or completion overtook this put
        checkAccepts(job, id);
      }
      Long before = job.epochs.computeIfAbsent(id.epoch(), e -> new HashMap<>()).put(id.key(), (long) encoded.length);
      snapshotBytes += encoded.length - (before == null ? 0 : before);
    }
    return EpochMetadata.TaskEntry.of(id.key(), encoded);
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

  @Override
  public final Optional<TaskSnapshot> get(String jobId, long epoch, TaskStateKey key) {
    EpochMetadata.TaskEntry expected;
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.get(jobId);
      Map<TaskStateKey, Long> tasks = job == null ? null : job.epochs.get(epoch);
      if (tasks == null || !tasks.containsKey(key)) {
        return Optional.empty();
      }
      expected = job.complete != null && job.complete.epoch() == epoch ? job.complete.task(key) : null;
    }
    byte[] encoded = read(new SnapshotId(jobId, epoch, key));
    if (encoded == null) {
      return Optional.empty(); // pruned meanwhile
    }
    if (expected != null && !expected.matches(encoded)) {
      throw new CheckpointCorruptException("The replica of " + key + " at epoch " + epoch + " of job " + jobId
          + " does not match its checksum (" + encoded.length + " bytes, expected " + expected.sizeBytes() + ").");
    }
    return Optional.of(TaskSnapshot.decode(encoded));
  }

  @Override
  public final void markComplete(String jobId, EpochMetadata metadata) {
    long epoch = metadata.epoch();
    synchronized (this) {
      checkOpen();
      JobIndex job = jobs.computeIfAbsent(jobId, j -> new JobIndex());
      if (epoch <= job.latestEpoch()) {
        throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: epoch "
            + job.latestEpoch() + " already did");
      }
      Map<TaskStateKey, Long> held = job.epochs.getOrDefault(epoch, Map.of());
      for (EpochMetadata.TaskEntry t : metadata.tasks()) {
        Long size = held.get(t.key());
        if (size == null) {
          throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: the snapshot"
              + " of " + t.key() + " was never stored");
        }
        if (size != t.sizeBytes()) {
          throw new IllegalStateException("Epoch " + epoch + " of job " + jobId + " cannot complete: the stored"
              + " snapshot of " + t.key() + " differs from the one its metadata lists (" + size + " bytes, listed "
              + t.sizeBytes() + ")");
        }
      }
      List<TaskStateKey> unlisted = new ArrayList<>();
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
    }
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
    int removed = 0;
    for (Long e : new ArrayList<>(job.epochs.headMap(epoch, false).keySet())) {
      if (e == job.latestEpoch()) {
        continue;
      }
      for (TaskStateKey k : new ArrayList<>(job.epochs.get(e).keySet())) {
        remove(jobId, job, e, k);
        removed++;
      }
      job.epochs.remove(e);
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
    for (Map.Entry<Long, Map<TaskStateKey, Long>> e : job.epochs.entrySet()) {
      for (TaskStateKey k : new ArrayList<>(e.getValue().keySet())) {
        remove(jobId, job, e.getKey(), k);
      }
    }
  }

  private void remove(String jobId, JobIndex job, long epoch, TaskStateKey key) {
    Long size = job.epochs.get(epoch).remove(key);
    if (size != null) {
      snapshotBytes -= size;
      delete(new SnapshotId(jobId, epoch, key));
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
