package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ember's addition to a progress report: one recovery from a task failure since the previous report. JSON:
 * {@code {"failedTasks": ["v2+v3[1]"], "fromEpoch": 6, "timestamp": "2026-11-26T06:00:00.000Z", "durationMs": 41,
 * "error": "...", "phasesMs": {"rollBackSent": 3, "restored v0+v1[0]": 30, "restoreWork v0+v1[0]": 2, ...,
 * "sourcesRewound": 30, "firstBatch": 38}}.
 *
 * @param failedTasks the tasks that failed (or stopped) and were started anew; every other task rolled back in place
 * @param fromEpoch the complete epoch every task rolled back to; -1 when none had completed (the query started over)
 * @param timestamp when the failure reached the query's coordinator, ISO-8601 in UTC
 * @param durationMs from the failure until every task had restored its state
 * @param error the failure's message
 * @param phasesMs milliseconds from the failure until each phase ended, in the order they ended: {@code rollBackSent}
 *     (the epoch to restore read, the failed tasks started anew, every other task told to roll back),
 *     {@code restored <task>} per task, {@code sourcesRewound} (every source task restored its offsets),
 *     {@code firstBatch} (a source emitted its first rows after the recovery; absent when none did before this
 *     report); and {@code restoreWork <task>}, the time each task itself spent reopening its operators and restoring
 *     or rolling back its state
 */
public record RecoveryProgress(List<String> failedTasks, long fromEpoch, String timestamp, long durationMs,
    String error, Map<String, Long> phasesMs) {
  public RecoveryProgress {
    failedTasks = List.copyOf(failedTasks);
    phasesMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phasesMs));
  }

  ObjectNode jsonValue() {
    ObjectNode o = ProgressJson.object();
    var tasks = o.putArray("failedTasks");
    failedTasks.forEach(tasks::add);
    o.put("fromEpoch", fromEpoch);
    o.put("timestamp", timestamp);
    o.put("durationMs", durationMs);
    o.put("error", error);
    ObjectNode phases = o.putObject("phasesMs");
    phasesMs.forEach(phases::put);
    return o;
  }

  @Override
  public String toString() {
    return ProgressJson.pretty(jsonValue());
  }
}
