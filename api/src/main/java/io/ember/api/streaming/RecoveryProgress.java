package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Ember's addition to a progress report: one recovery from a task failure since the previous report. JSON:
 * {@code {"failedTasks": ["v2+v3[1]"], "fromEpoch": 6, "timestamp": "2026-11-26T06:00:00.000Z", "durationMs": 41,
 * "error": "..."}}.
 *
 * @param failedTasks the tasks that failed (or stopped) and were started anew; every other task rolled back in place
 * @param fromEpoch the complete epoch every task rolled back to; -1 when none had completed (the query started over)
 * @param timestamp when the failure reached the query's coordinator, ISO-8601 in UTC
 * @param durationMs from the failure until every task had restored its state
 * @param error the failure's message
 */
public record RecoveryProgress(List<String> failedTasks, long fromEpoch, String timestamp, long durationMs,
    String error) {
  public RecoveryProgress {
    failedTasks = List.copyOf(failedTasks);
  }

  ObjectNode jsonValue() {
    ObjectNode o = ProgressJson.object();
    var tasks = o.putArray("failedTasks");
    failedTasks.forEach(tasks::add);
    o.put("fromEpoch", fromEpoch);
    o.put("timestamp", timestamp);
    o.put("durationMs", durationMs);
    o.put("error", error);
    return o;
  }

  @Override
  public String toString() {
    return ProgressJson.pretty(jsonValue());
  }
}
