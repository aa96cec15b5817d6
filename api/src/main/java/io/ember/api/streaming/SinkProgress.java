package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What the sink did in an epoch, as Spark's {@code SinkProgress}.
 *
 * @param description the sink, as {@code explain()} shows it
 * @param numOutputRows rows written in the epoch; -1 when not known
 * @param metrics sink-specific figures, none yet
 */
public record SinkProgress(String description, long numOutputRows, Map<String, String> metrics) {
  public SinkProgress {
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
    o.put("numOutputRows", numOutputRows);
    ProgressJson.putStrings(o, "metrics", metrics);
    return o;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
