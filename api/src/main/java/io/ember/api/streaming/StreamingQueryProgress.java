package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a streaming query did in one epoch (Spark's micro-batch), as Spark's {@code StreamingQueryProgress}, with
 * the same fields and JSON ({@link #json()}, {@link #prettyJson()}; {@link #toString()} is the pretty JSON), and
 * two of Ember's after Spark's: {@code "checkpoint"} (the epoch's in-memory checkpoint, {@link CheckpointProgress})
 * and {@code "recoveries"} (task failures recovered from since the previous report, {@link RecoveryProgress};
 * usually empty).
 *
 * @param id the query's id (stays the same across restarts from a checkpoint)
 * @param runId this run's id
 * @param name the query name, or null
 * @param timestamp when the epoch's input started, ISO-8601 in UTC ({@code 2016-12-14T18:45:24.873Z})
 * @param batchId the epoch id
 * @param batchDuration the epoch's time from its input start to its commit, in ms
 * @param numInputRows rows all sources emitted in the epoch
 * @param inputRowsPerSecond input rate while the epoch's input arrived (NaN when unknown)
 * @param processedRowsPerSecond rows over the epoch's time to commit (NaN when unknown)
 * @param durationMs time spent per activity, in ms: {@code triggerExecution} (input start to commit),
 *     {@code addBatch} (barrier to commit: finishing and committing the epoch's output), and for the first
 *     epoch of a run {@code queryPlanning}
 * @param eventTime for queries with a watermark: {@code watermark} (in force during the epoch) and, when the
 *     epoch had rows with event times, {@code min}, {@code max} and {@code avg}; ISO-8601 strings in UTC
 * @param stateOperators one entry per stateful operator
 * @param sources one entry per streaming source
 * @param sink the sink
 * @param checkpoint the epoch's checkpoint; null when not known (then the JSON has no {@code "checkpoint"})
 * @param recoveries recoveries since the previous report, oldest first
 */
public record StreamingQueryProgress(
    UUID id,
    UUID runId,
    String name,
    String timestamp,
    long batchId,
    long batchDuration,
    long numInputRows,
    double inputRowsPerSecond,
    double processedRowsPerSecond,
    Map<String, Long> durationMs,
    Map<String, String> eventTime,
    List<StateOperatorProgress> stateOperators,
    List<SourceProgress> sources,
    SinkProgress sink,
    CheckpointProgress checkpoint,
    List<RecoveryProgress> recoveries) {
  public StreamingQueryProgress {
    durationMs = Map.copyOf(durationMs);
    eventTime = Map.copyOf(eventTime);
    stateOperators = List.copyOf(stateOperators);
    sources = List.copyOf(sources);
    recoveries = List.copyOf(recoveries);
  }

  /** A report with Spark's fields only (no checkpoint figures, no recoveries). */
  public StreamingQueryProgress(UUID id, UUID runId, String name, String timestamp, long batchId, long batchDuration,
      long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond, Map<String, Long> durationMs,
      Map<String, String> eventTime, List<StateOperatorProgress> stateOperators, List<SourceProgress> sources,
      SinkProgress sink) {
    this(id, runId, name, timestamp, batchId, batchDuration, numInputRows, inputRowsPerSecond,
        processedRowsPerSecond, durationMs, eventTime, stateOperators, sources, sink, null, List.of());
  }

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
    o.put("id", id.toString());
    o.put("runId", runId.toString());
    o.put("name", name);
    o.put("timestamp", timestamp);
    o.put("batchId", batchId);
    o.put("batchDuration", batchDuration);
    o.put("numInputRows", numInputRows);
    ProgressJson.putRate(o, "inputRowsPerSecond", inputRowsPerSecond);
    ProgressJson.putRate(o, "processedRowsPerSecond", processedRowsPerSecond);
    ProgressJson.putLongs(o, "durationMs", durationMs);
    ProgressJson.putStrings(o, "eventTime", eventTime);
    ArrayNode ops = o.putArray("stateOperators");
    stateOperators.forEach(s -> ops.add(s.jsonValue()));
    ArrayNode srcs = o.putArray("sources");
    sources.forEach(s -> srcs.add(s.jsonValue()));
    o.set("sink", sink.jsonValue());
    if (checkpoint != null) {
      o.set("checkpoint", checkpoint.jsonValue());
    }
    ArrayNode recovered = o.putArray("recoveries");
    recoveries.forEach(r -> recovered.add(r.jsonValue()));
    return o;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
