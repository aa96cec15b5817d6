package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state of one stateful operator after an epoch, summed over its instances, as Spark's
 * {@code StateOperatorProgress}.
 *
 * @param operatorName e.g. {@code stateStoreSave} (aggregation), {@code dedupe}, {@code symmetricHashJoin}
 * @param numRowsTotal keys held now
 * @param numRowsUpdated keys written during the epoch
 * @param numRowsRemoved keys evicted during the epoch
 * @param memoryUsedBytes an estimate of the state's size
 * @param numRowsDroppedByWatermark input rows dropped as late during the epoch
 * @param numStateStoreInstances the operator's parallel instances
 */
public record StateOperatorProgress(String operatorName, long numRowsTotal, long numRowsUpdated,
    long numRowsRemoved, long memoryUsedBytes, long numRowsDroppedByWatermark, int numStateStoreInstances) {

  /** Compact JSON, as Spark's {@code json}. */
  public String json() {
    return ProgressJson.compact(jsonValue());
  }

  /** Indented JSON, as Spark's {@code prettyJson}. */
  public String prettyJson() {
    return ProgressJson.pretty(jsonValue());
  }

  ObjectNode jsonValue() {
    ObjectNode o = ProgressJson.object();
    o.put("operatorName", operatorName);
    o.put("numRowsTotal", numRowsTotal);
    o.put("numRowsUpdated", numRowsUpdated);
    o.put("numRowsRemoved", numRowsRemoved);
    o.put("memoryUsedBytes", memoryUsedBytes);
    o.put("numRowsDroppedByWatermark", numRowsDroppedByWatermark);
    o.put("numStateStoreInstances", numStateStoreInstances);
    return o;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
