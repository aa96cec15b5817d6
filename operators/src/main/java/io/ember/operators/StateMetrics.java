package io.ember.operators;

/**
 * The state of one stateful operator instance after an epoch, as Spark's {@code StateOperatorProgress}
 * reports it.
 *
 * @param operatorName a short name, e.g. {@code stateStoreSave}, {@code dedupe}, {@code symmetricHashJoin}
 * @param numRowsTotal keys (groups, rows) held now
 * @param numRowsUpdated keys written during the epoch
 * @param numRowsRemoved keys evicted during the epoch (closed windows, expired keys)
 * @param numRowsDroppedByWatermark input rows dropped as late during the epoch
 * @param memoryUsedBytes an estimate of the bytes the state occupies (on or off heap)
 */
public record StateMetrics(String operatorName, long numRowsTotal, long numRowsUpdated, long numRowsRemoved,
    long numRowsDroppedByWatermark, long memoryUsedBytes) {

  /** The sum of two instances' metrics of the same operator. */
  public StateMetrics plus(StateMetrics other) {
    return new StateMetrics(operatorName, numRowsTotal + other.numRowsTotal, numRowsUpdated + other.numRowsUpdated,
        numRowsRemoved + other.numRowsRemoved, numRowsDroppedByWatermark + other.numRowsDroppedByWatermark,
        memoryUsedBytes + other.memoryUsedBytes);
  }
}
