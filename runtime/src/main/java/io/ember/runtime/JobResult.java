package io.ember.runtime;

import java.util.Map;

/**
 * What a finished job reports.
 *
 * @param durationNanos wall time from deployment to the final commit
 * @param rowsOutByVertex rows each vertex emitted, summed over its tasks, by vertex id
 */
public record JobResult(long durationNanos, Map<Integer, Long> rowsOutByVertex) {}
