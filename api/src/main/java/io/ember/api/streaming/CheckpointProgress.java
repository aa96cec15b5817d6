package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Ember's addition to a progress report: the epoch's in-memory checkpoint (every epoch of every streaming query is
 * one). JSON: {@code "checkpoint": {"epoch": 7, "durationMs": 3, "sizeBytes": 10240, "replicaMemoryBytes": 20576}}.
 *
 * @param epoch the checkpointed epoch (the report's {@code batchId})
 * @param durationMs from the epoch's cut until every task's snapshot was complete in the replica store (and written
 *     to the checkpoint location, if the query has one)
 * @param sizeBytes the encoded bytes of the epoch's task snapshots
 * @param replicaMemoryBytes the memory the session's replica store ({@code ember.checkpoint.replicaStore}) occupies
 *     after the epoch, over all the session's queries
 */
public record CheckpointProgress(long epoch, long durationMs, long sizeBytes, long replicaMemoryBytes) {
  ObjectNode jsonValue() {
    ObjectNode o = ProgressJson.object();
    o.put("epoch", epoch);
    o.put("durationMs", durationMs);
    o.put("sizeBytes", sizeBytes);
    o.put("replicaMemoryBytes", replicaMemoryBytes);
    return o;
  }

  @Override
  public String toString() {
    return ProgressJson.pretty(jsonValue());
  }
}
