package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ReplicaStore} on the Java heap, for tests and for jobs with little state (no Chronicle start-up cost,
 * no JVM flags). A snapshot is kept as the chunks it was put in: the operator states' own chunks are shared, not
 * copied. {@link #memoryBytes()} estimates the heap held: the snapshot bytes plus {@link #ENTRY_OVERHEAD} per
 * snapshot.
 */
public final class HeapReplicaStore extends AbstractReplicaStore {
  /** Estimated heap bytes of one entry besides its snapshot bytes (map node, key, array header). */
  static final long ENTRY_OVERHEAD = 96;

  private final ConcurrentHashMap<SnapshotId, ChunkedBytes> entries = new ConcurrentHashMap<>();
  private final AtomicLong memory = new AtomicLong();

  /** A store that compacts chains as {@link CompactionPolicy#DEFAULT} says, on a thread of its own. */
  public HeapReplicaStore() {
    this(CompactionPolicy.DEFAULT, null);
  }

  /**
   * A store that compacts chains every {@code minDeltasForSnapshot} deltas (or when the deltas outweigh their base,
   * {@link CompactionPolicy#everyDeltas}) on {@code compactor} (null: a daemon thread of its own).
   */
  public HeapReplicaStore(int minDeltasForSnapshot, Executor compactor) {
    this(CompactionPolicy.everyDeltas(minDeltasForSnapshot), compactor);
  }

  /** A store that compacts chains as {@code compaction} says, on {@code compactor} (null: a thread of its own). */
  public HeapReplicaStore(CompactionPolicy compaction, Executor compactor) {
    super(compaction, compactor);
  }

  @Override
  protected void write(SnapshotId id, ChunkedBytes encoded) {
    ChunkedBytes before = entries.put(id, encoded);
    memory.addAndGet(encoded.length() - (before == null ? -ENTRY_OVERHEAD : before.length()));
  }

  @Override
  protected ChunkedBytes read(SnapshotId id) {
    return entries.get(id);
  }

  @Override
  protected void delete(SnapshotId id) {
    ChunkedBytes before = entries.remove(id);
    if (before != null) {
      memory.addAndGet(-(before.length() + ENTRY_OVERHEAD));
    }
  }

  @Override
  protected void closeStorage() {
    entries.clear();
    memory.set(0);
  }

  @Override
  public long memoryBytes() {
    return memory.get();
  }

  @Override
  public String toString() {
    return "HeapReplicaStore[" + entries.size() + " snapshots]";
  }
}
