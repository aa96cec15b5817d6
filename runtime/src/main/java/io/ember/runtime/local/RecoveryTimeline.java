package io.ember.runtime.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the phases of one recovery ended, in milliseconds from the failure reaching the coordinator (see
 * {@link io.ember.runtime.EpochReport.Recovery#phasesMs()}): {@code rollBackSent} (the sinks aborted the epoch in
 * flight, the epoch to restore was read, the placement prepared, the failed tasks started anew and every other task
 * told to roll back), {@code restored <task>} as each task reported it restored its state, {@code sourcesRewound}
 * once every source task did (a source task restores its reader's offsets), and {@code firstBatch} when a source
 * first emitted rows after it; besides, {@code restoreWork <task>}: the time the task itself spent reopening its
 * operators and restoring or rolling back its state, which tells the work from the wait in its mailbox.
 *
 * <p>Owned by the coordinator actor; not thread-safe.
 */
final class RecoveryTimeline {
  private final long startNanos;
  private final Map<String, Long> phases = new LinkedHashMap<>();
  private final Map<String, Long> work = new LinkedHashMap<>();
  private int sourcesLeft = -1;
  private boolean firstBatch;

  /** A recovery from a failure that reached the coordinator at {@code startNanos} ({@link System#nanoTime()}). */
  RecoveryTimeline(long startNanos) {
    this.startNanos = startNanos;
  }

  /** Every task was told to roll back or started anew; {@code sourceTasks} source tasks are to restore. */
  void rollBackSent(int sourceTasks) {
    phases.put("rollBackSent", sinceStart());
    sourcesLeft = sourceTasks;
  }

  /** Task {@code name} (a source task when {@code source}) restored, after {@code workNanos} of its own work. */
  void restored(String name, boolean source, long workNanos) {
    phases.put("restored " + name, sinceStart());
    work.put("restoreWork " + name, workNanos / 1_000_000);
    if (source && sourcesLeft > 0 && --sourcesLeft == 0) {
      phases.put("sourcesRewound", sinceStart());
    }
  }

  /** A source emitted rows after the rollback; only the first time counts. */
  void sourceRows() {
    if (!firstBatch && phases.containsKey("rollBackSent")) {
      firstBatch = true;
      phases.put("firstBatch", sinceStart());
    }
  }

  /** Whether a source emitted rows since the rollback. */
  boolean sawFirstBatch() {
    return firstBatch;
  }

  /** The phases in the order they ended, then each task's own restore time. */
  Map<String, Long> phasesMs() {
    Map<String, Long> out = new LinkedHashMap<>(phases);
    out.putAll(work);
    return out;
  }

  private long sinceStart() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
