package io.ember.runtime.local;

import io.ember.checkpointing.CompactionPolicy;
import io.ember.checkpointing.TaskSnapshot;

/**
 * Whether a task's next snapshot is full instead of a delta: when the chain it built since its last full snapshot
 * would, with one more delta as large as the last, be one its replica store compacts ({@link CompactionPolicy}).
 * The task then writes its state whole from its tables, which costs about the state's size once, instead of the
 * store reading the chain back and merging it (which holds the chain, the changes and the merged copy on the heap
 * at once); the store then compacts only chains whose last delta outgrew the prediction, and prunes the old chain
 * once the full snapshot's epoch is complete.
 *
 * <p>Owned by one task pipeline; not thread-safe.
 */
final class SnapshotSchedule {
  private final CompactionPolicy policy;
  /** The bytes of the last full snapshot; -1 when unknown (none taken since a restore). */
  private long baseBytes = -1;
  private int deltas;
  private long deltaBytes;
  private long lastDeltaBytes;

  SnapshotSchedule(CompactionPolicy policy) {
    this.policy = policy;
  }

  /**
   * The schedule of task {@code taskIndex} of its vertex under the stores' default policy: the fraction of the base
   * its deltas reach before a full snapshot is lowered by up to a quarter, by task index ({@link #SPREAD} steps), so
   * the tasks of one vertex, which grow their state alike, seldom write their full snapshots at the same barrier
   * (each holds its state's bytes twice on the heap while it does).
   */
  static SnapshotSchedule forTask(int taskIndex) {
    CompactionPolicy p = CompactionPolicy.DEFAULT;
    double lowered = p.deltaFraction() * (1 - 0.25 * Math.floorMod(taskIndex, SPREAD) / SPREAD);
    return new SnapshotSchedule(new CompactionPolicy(p.minDeltas(), lowered, p.maxDeltas()));
  }

  /** The number of distinct fractions {@link #forTask} spreads tasks over. */
  static final int SPREAD = 4;

  /** Whether the next snapshot should be full. */
  boolean nextIsFull() {
    return policy.shouldCompact(deltas + 1, deltaBytes + lastDeltaBytes, baseBytes);
  }

  /** Records a snapshot the task took. */
  void taken(TaskSnapshot snapshot) {
    long bytes = snapshot.stateBytes();
    if (snapshot.isDelta()) {
      deltas++;
      deltaBytes += bytes;
      lastDeltaBytes = bytes;
    } else {
      baseBytes = bytes;
      deltas = 0;
      deltaBytes = 0;
      lastDeltaBytes = 0;
    }
  }

  /** Forgets the chain: the task was restored or rolled back, and its next delta is on a snapshot it did not take. */
  void reset() {
    baseBytes = -1;
    deltas = 0;
    deltaBytes = 0;
    lastDeltaBytes = 0;
  }
}
