package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A complete epoch to restore from: its metadata and the snapshot of every task it lists. Read back from a
 * checkpoint location it holds every snapshot materialized; taken from a replica store
 * ({@link #inReplicaStore}) it holds none and reads each when asked, so that a recovery pays for materializing a
 * task's chain of snapshots ({@link ReplicaStore#get}) only for a task that restores from it, not for one that rolls
 * back in place and needs the stored snapshot only ({@link #storedSnapshot}). Immutable; the replica store form reads
 * the store on every call.
 */
public final class CheckpointedEpoch {
  private final EpochMetadata metadata;
  /** Every snapshot, materialized; null in the replica store form. */
  private final SortedMap<TaskStateKey, TaskSnapshot> snapshots;
  private final ReplicaStore replicas;
  private final String jobId;

  /** An epoch with every one of its snapshots ({@code snapshots}: full ones, by task). */
  public CheckpointedEpoch(EpochMetadata metadata, SortedMap<TaskStateKey, TaskSnapshot> snapshots) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.snapshots = Collections.unmodifiableSortedMap(new TreeMap<>(snapshots));
    this.replicas = null;
    this.jobId = null;
  }

  private CheckpointedEpoch(EpochMetadata metadata, ReplicaStore replicas, String jobId) {
    this.metadata = metadata;
    this.snapshots = null;
    this.replicas = replicas;
    this.jobId = jobId;
  }

  /**
   * Complete epoch {@code metadata} of job {@code jobId} in {@code replicas}, whose snapshots are read from the
   * store when asked for (which must then still hold them: pruning keeps the latest complete epoch's chains).
   */
  public static CheckpointedEpoch inReplicaStore(ReplicaStore replicas, String jobId, EpochMetadata metadata) {
    return new CheckpointedEpoch(Objects.requireNonNull(metadata, "metadata"), Objects.requireNonNull(replicas),
        Objects.requireNonNull(jobId));
  }

  public EpochMetadata metadata() {
    return metadata;
  }

  public long epoch() {
    return metadata.epoch();
  }

  /**
   * The full snapshot of {@code key} (a delta's chain materialized), or null when the epoch lists none.
   *
   * @throws EmberRuntimeException {@code INTERNAL_ERROR} when the replica store lost a snapshot the epoch lists
   * @throws CheckpointCorruptException when a stored copy does not match its checksum or a chain is broken
   */
  public TaskSnapshot snapshot(TaskStateKey key) {
    if (snapshots != null) {
      return snapshots.get(key);
    }
    return listed(key) ? replicas.get(jobId, epoch(), key).orElseThrow(() -> lost(key)) : null;
  }

  /**
   * The snapshot of {@code key} as the task put it (a delta stays a delta, reading costs no materialization), or
   * null when the epoch lists none. A task that rolls back in place reads only its operators' own bytes from it.
   *
   * @throws EmberRuntimeException {@code INTERNAL_ERROR} when the replica store lost a snapshot the epoch lists
   * @throws CheckpointCorruptException when the stored copy does not match its checksum
   */
  public TaskSnapshot storedSnapshot(TaskStateKey key) {
    if (snapshots != null) {
      return snapshots.get(key);
    }
    return listed(key) ? replicas.getStored(jobId, epoch(), key).orElseThrow(() -> lost(key)) : null;
  }

  /** Every snapshot, full, by task (read and materialized from the replica store in that form). */
  public SortedMap<TaskStateKey, TaskSnapshot> snapshots() {
    if (snapshots != null) {
      return snapshots;
    }
    SortedMap<TaskStateKey, TaskSnapshot> out = new TreeMap<>();
    for (EpochMetadata.TaskEntry entry : metadata.tasks()) {
      out.put(entry.key(), snapshot(entry.key()));
    }
    return Collections.unmodifiableSortedMap(out);
  }

  private boolean listed(TaskStateKey key) {
    for (EpochMetadata.TaskEntry entry : metadata.tasks()) {
      if (entry.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private EmberRuntimeException lost(TaskStateKey key) {
    return new EmberRuntimeException("INTERNAL_ERROR", "The replica store lost the snapshot of " + key + " at epoch "
        + epoch() + ", the latest complete epoch of job " + jobId);
  }

  static CheckpointedEpoch of(EpochMetadata metadata, Map<TaskStateKey, TaskSnapshot> snapshots) {
    return new CheckpointedEpoch(metadata, new TreeMap<>(snapshots));
  }

  @Override
  public String toString() {
    return "CheckpointedEpoch[epoch=" + epoch() + (snapshots == null ? ", in a replica store" : ", " + snapshots.size()
        + " snapshots") + "]";
  }
}
