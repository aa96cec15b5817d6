package io.ember.benchmarks.peers;

import java.nio.file.Path;

/**
 * The benchmark's CSV inputs as Flink SQL {@code filesystem} tables, with the same columns as
 * {@link io.ember.benchmarks.data.EventsGenerator#SCHEMA_DDL} and {@link io.ember.benchmarks.data.ItemsGenerator#SCHEMA_DDL}.
 * Flink's CSV format cannot skip a header line, so the tables ignore parse errors: the header becomes a row of
 * nulls in its number columns, which each query drops by a {@code IS NOT NULL} on such a column.
 */
final class FlinkTables {
  private FlinkTables() {}

  /** {@code CREATE TEMPORARY TABLE events (...)} over the events file. */
  static String eventsTable(Path file) {
    return "CREATE TEMPORARY TABLE events (ts_ms BIGINT, user_id BIGINT, item_id BIGINT, category STRING,"
        + " price DOUBLE)" + csvOptions(file);
  }

  /** {@code CREATE TEMPORARY TABLE items (...)} over the items file. */
  static String itemsTable(Path file) {
    return "CREATE TEMPORARY TABLE items (item_id BIGINT, department STRING, list_price DOUBLE)" + csvOptions(file);
  }

  private static String csvOptions(Path file) {
    return " WITH ('connector' = 'filesystem', 'path' = 'file://" + file.toAbsolutePath()
        + "', 'format' = 'csv', 'csv.ignore-parse-errors' = 'true')";
  }
}
