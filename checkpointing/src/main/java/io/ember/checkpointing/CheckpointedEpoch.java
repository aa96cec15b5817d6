package io.ember.checkpointing;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A complete epoch read back from a checkpoint location: its metadata and every task snapshot it lists. */
public record CheckpointedEpoch(EpochMetadata metadata, SortedMap<TaskStateKey, TaskSnapshot> snapshots) {
  public CheckpointedEpoch {
    snapshots = Collections.unmodifiableSortedMap(new TreeMap<>(snapshots));
  }

  public long epoch() {
    return metadata.epoch();
  }

  /** The snapshot of {@code key}, or null when the epoch has none. */
  public TaskSnapshot snapshot(TaskStateKey key) {
    return snapshots.get(key);
  }

  static CheckpointedEpoch of(EpochMetadata metadata, Map<TaskStateKey, TaskSnapshot> snapshots) {
    return new CheckpointedEpoch(metadata, new TreeMap<>(snapshots));
  }
}
