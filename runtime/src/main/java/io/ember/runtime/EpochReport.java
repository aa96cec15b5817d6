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
    boolean finalEpoch) {

  /** Rows all sources emitted in the epoch. */
  public long numInputRows() {
    return inputRowsBySource.values().stream().mapToLong(Long::longValue).sum();
  }
}
