package io.ember.runtime;

import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import java.util.List;
import java.util.Map;

/**
 * What happened in one committed epoch of a streaming job: the raw figures a progress report is made of.
 *
 * @param epoch the epoch id (Spark's {@code batchId})
 * @param cutAtMillis wall-clock time the epoch's barrier was cut (the epoch's data is what the sources emitted
 *     between the previous cut and this one)
 * @param startedAtMillis wall-clock time of the previous cut (the start of the epoch's data)
 * @param committedAtMillis wall-clock time the sinks finished committing
 * @param inputRowsBySource rows each source vertex emitted in the epoch, by vertex id
 * @param rowsOutByVertex rows each vertex emitted in the epoch, by vertex id
 * @param sourceOffsets per source vertex id, each task's offset description (JSON) at the barrier, by task index
 * @param watermarkMicros the watermark in force during the epoch ({@link Long#MIN_VALUE}: none yet)
 * @param nextWatermarkMicros the watermark computed from the epoch's rows, in force for the next epoch
 * @param eventTime per {@code withWatermark} id, event-time statistics of the epoch's rows
 * @param stateMetrics per stateful operator (vertex id), its instances' metrics summed
 * @param finalEpoch true for the last epoch of a job whose sources all ended
 * @param checkpoint the epoch's checkpoint (every epoch of a streaming job is one): how long it took and its size
 * @param recoveries the recoveries from task failures since the previous report, oldest first
 */
public record EpochReport(
    long epoch,
    long cutAtMillis,
    long startedAtMillis,
    long committedAtMillis,
    Map<Integer, Long> inputRowsBySource,
    Map<Integer, Long> rowsOutByVertex,
    Map<Integer, List<String>> sourceOffsets,
    long watermarkMicros,
    long nextWatermarkMicros,
    Map<Integer, EventTimeStats> eventTime,
    Map<Integer, StateMetrics> stateMetrics,
    boolean finalEpoch,
    Checkpoint checkpoint,
    List<Recovery> recoveries) {

  /**
   * One epoch's checkpoint.
   *
   * @param epoch the epoch (the report's)
   * @param durationMs from the epoch's cut until its snapshots were complete in the replica store (and written to
   *     the checkpoint location, if any): barrier alignment, the slowest task's snapshot and the completion
   * @param sizeBytes the encoded bytes of the epoch's task snapshots
   * @param replicaMemoryBytes the memory the runtime's replica store occupies after the epoch completed, over all
   *     its jobs
   */
  public record Checkpoint(long epoch, long durationMs, long sizeBytes, long replicaMemoryBytes) {}

  /**
   * One recovery from a task failure.
   *
   * @param failedTasks the names of the tasks that failed (or stopped) and were started anew
   * @param fromEpoch the complete epoch every task rolled back to; -1 when none had completed (the job started over)
   * @param startedAtMillis wall-clock time the failure reached the coordinator
   * @param durationMs from the failure until every task had restored its snapshot of {@code fromEpoch}
   * @param error the failure's message
   * @param phasesMs milliseconds from the failure until each phase of the recovery ended, in the order they ended
   *     (see {@code RecoveryTimeline}): {@code rollBackSent}, {@code restored <task>} per task, {@code sourcesRewound},
   *     {@code firstBatch} (absent when no source emitted rows before the next epoch report); and per task
   *     {@code restoreWork <task>}, the time the task itself spent reopening and restoring
   */
  public record Recovery(List<String> failedTasks, long fromEpoch, long startedAtMillis, long durationMs,
      String error, Map<String, Long> phasesMs) {
    public Recovery {
      failedTasks = List.copyOf(failedTasks);
      phasesMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phasesMs));
    }

    /** A recovery whose phases were not recorded. */
    public Recovery(List<String> failedTasks, long fromEpoch, long startedAtMillis, long durationMs, String error) {
      this(failedTasks, fromEpoch, startedAtMillis, durationMs, error, Map.of());
    }
  }

  public EpochReport {
    recoveries = List.copyOf(recoveries);
  }

  /** A report without checkpoint figures or recoveries. */
  public EpochReport(long epoch, long cutAtMillis, long startedAtMillis, long committedAtMillis,
      Map<Integer, Long> inputRowsBySource, Map<Integer, Long> rowsOutByVertex,
      Map<Integer, List<String>> sourceOffsets, long watermarkMicros, long nextWatermarkMicros,
      Map<Integer, EventTimeStats> eventTime, Map<Integer, StateMetrics> stateMetrics, boolean finalEpoch) {
    this(epoch, cutAtMillis, startedAtMillis, committedAtMillis, inputRowsBySource, rowsOutByVertex, sourceOffsets,
        watermarkMicros, nextWatermarkMicros, eventTime, stateMetrics, finalEpoch, null, List.of());
  }

  /** Rows all sources emitted in the epoch. */
  public long numInputRows() {
    return inputRowsBySource.values().stream().mapToLong(Long::longValue).sum();
  }
}
