package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What one streaming source did in an epoch, as Spark's {@code SourceProgress}.
 *
 * @param description the source, as {@code explain()} shows it
 * @param startOffset where the epoch's input started (JSON; null for the first epoch of a run)
 * @param endOffset where it ended (JSON)
 * @param latestOffset the latest offset known when the epoch was cut (JSON)
 * @param numInputRows rows the source emitted in the epoch
 * @param inputRowsPerSecond {@code numInputRows} over the time the epoch's input arrived in (NaN when unknown)
 * @param processedRowsPerSecond {@code numInputRows} over the time the epoch took to commit (NaN when unknown)
 * @param metrics source-specific figures, none yet
 */
public record SourceProgress(String description, String startOffset, String endOffset, String latestOffset,
    long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond, Map<String, String> metrics) {
  public SourceProgress {
    metrics = Map.copyOf(metrics);
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
    o.put("description", description);
    ProgressJson.putOffset(o, "startOffset", startOffset);
    ProgressJson.putOffset(o, "endOffset", endOffset);
    ProgressJson.putOffset(o, "latestOffset", latestOffset);
    o.put("numInputRows", numInputRows);
    ProgressJson.putRate(o, "inputRowsPerSecond", inputRowsPerSecond);
    ProgressJson.putRate(o, "processedRowsPerSecond", processedRowsPerSecond);
    ProgressJson.putStrings(o, "metrics", metrics);
    return o;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
