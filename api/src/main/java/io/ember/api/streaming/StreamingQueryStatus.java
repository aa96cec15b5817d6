package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a streaming query is doing now, as Spark's {@code StreamingQueryStatus}.
 *
 * @param message {@code Initializing sources}, {@code Waiting for data to arrive}, {@code Processing new data}
 *     {@code Stopped}, or {@code Terminated with exception: <message>} after a failure
 * @param isDataAvailable whether the last epoch found input
 * @param isTriggerActive Spark's flag for a micro-batch being planned or run; always false here: rows flow through
 *     the running tasks without a trigger phase, and epochs are cut and committed by the runtime in the background
 */
public record StreamingQueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {
  static final String INITIALIZING = "Initializing sources";
  static final String WAITING = "Waiting for data to arrive";
  static final String PROCESSING = "Processing new data";
  static final String STOPPED = "Stopped";

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
    o.put("message", message);
    o.put("isDataAvailable", isDataAvailable);
    o.put("isTriggerActive", isTriggerActive);
    return o;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
