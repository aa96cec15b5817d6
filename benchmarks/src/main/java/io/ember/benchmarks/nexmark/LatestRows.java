package io.ember.benchmarks.nexmark;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The final answer of an updating query ({@link NexmarkQueries#updating}) run in update output mode: each row
 * emitted replaces the row of its key (its first column) emitted before, so that once the input has ended the rows
 * kept are the result as it stands, the same rows that Flink's changelog of the query materializes to. Thread-safe:
 * writers of several partitions put into one; a key is written by one partition only, in epoch order.
 */
public final class LatestRows {
  private final Map<Object, Object[]> byKey = new ConcurrentHashMap<>();

  /** Keeps {@code values} as the row of its key, {@code values[0]}. */
  public void put(Object[] values) {
    byKey.put(Arrays.asList(values[0]), values);
  }

  /** Adds the rows kept to {@code digest}. */
  public void digestInto(RowDigest digest) {
    RowDigest.Part part = digest.part();
    byKey.values().forEach(part::add);
    part.flush();
  }
}
