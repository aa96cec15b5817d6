package io.ember.api;

import io.ember.api.catalog.CatalogTable;
import io.ember.api.catalog.SessionCatalog;
import io.ember.connectors.file.PartitionPaths;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The partitions of a partitioned file table: its {@code col=value} directories (Hive's layout, values escaped as
 * Spark's {@code ExternalCatalogUtils.escapePathName} and the file sink escape them). A table's partitions are the
 * directories that exist (there is no partition metadata of its own, as with Spark's
 * {@code spark.sql.hive.manageFilesourcePartitions=false}), so {@code ADD PARTITION} makes an empty directory and
 * {@code DROP PARTITION} deletes one with its files.
 */
final class TablePartitions {

  private TablePartitions() {}

  /**
   * {@code spec} with its columns named as the table's partition columns and in their order.
   *
   * @param full whether every partition column must have a value
   * @throws AnalysisException {@code _LEGACY_ERROR_TEMP_1231} for a column that is not a partition column,
   *     {@code _LEGACY_ERROR_TEMP_1232} for a spec that does not name every partition column when {@code full}
   */
  static Map<String, String> normalize(CatalogTable table, Map<String, String> spec, boolean full) {
    Map<String, String> byColumn = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : spec.entrySet()) {
      String column = table.partitionColumns().stream().filter(p -> p.equalsIgnoreCase(e.getKey())).findFirst()
          .orElseThrow(() -> new AnalysisException("_LEGACY_ERROR_TEMP_1231", e.getKey() + " is not a valid"
              + " partition column in table " + table.id().quoted() + "."));
      byColumn.put(column, e.getValue());
    }
    if (full && byColumn.size() != table.partitionColumns().size()) {
      throw new AnalysisException("_LEGACY_ERROR_TEMP_1232", "Partition spec is invalid. The spec ("
          + String.join(", ", spec.keySet()) + ") must match the partition spec ("
          + String.join(", ", table.partitionColumns()) + ") defined in table '" + table.id().quoted() + "'.");
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String p : table.partitionColumns()) {
      if (byColumn.containsKey(p)) {
        ordered.put(p, byColumn.get(p));
      }
    }
    return ordered;
  }

  /** The directory of the full partition {@code spec} (normalized) under the table's location. */
  static Path directory(CatalogTable table, Map<String, String> spec) {
    Path dir = Path.of(table.location());
    for (Map.Entry<String, String> e : spec.entrySet()) {
      dir = dir.resolve(PartitionPaths.escape(e.getKey()) + "=" + PartitionPaths.escape(e.getValue()));
    }
    return dir;
  }

  /** {@code p=v/q=w}, as Spark prints a partition (values escaped). */
  static String name(Map<String, String> spec) {
    List<String> parts = new ArrayList<>();
    spec.forEach((k, v) -> parts.add(PartitionPaths.escape(k) + "=" + PartitionPaths.escape(v)));
    return String.join("/", parts);
  }

  /**
   * The table's partitions matching the partial {@code spec} (normalized), each in column order, sorted by name.
   */
  static List<Map<String, String>> list(CatalogTable table, Map<String, String> spec) {
    List<Map<String, String>> out = new ArrayList<>();
    collect(Path.of(table.location()), table.partitionColumns(), 0, new LinkedHashMap<>(), spec, out);
    out.sort(java.util.Comparator.comparing(TablePartitions::name));
    return out;
  }

  private static void collect(Path dir, List<String> columns, int level, Map<String, String> prefix,
      Map<String, String> spec, List<Map<String, String>> out) {
    if (level == columns.size()) {
      out.add(new LinkedHashMap<>(prefix));
      return;
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    String column = columns.get(level);
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.filter(Files::isDirectory).toList()) {
        String name = child.getFileName().toString();
        int eq = name.indexOf('=');
        if (eq < 0 || !PartitionPaths.unescape(name.substring(0, eq)).equalsIgnoreCase(column)) {
          continue;
        }
        String value = PartitionPaths.unescape(name.substring(eq + 1));
        if (spec.containsKey(column) && !spec.get(column).equals(value)) {
          continue;
        }
        prefix.put(column, value);
        collect(child, columns, level + 1, prefix, spec, out);
        prefix.remove(column);
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("CATALOG_IO_FAILED", "Cannot list the partitions under " + dir + ": " + e, e);
    }
  }

  /** Deletes the directories of {@code partitions} (full specs) with their files. */
  static void delete(CatalogTable table, List<Map<String, String>> partitions) {
    for (Map<String, String> p : partitions) {
      Path dir = directory(table, p);
      try {
        SessionCatalog.deleteRecursively(dir);
      } catch (IOException e) {
        throw new EmberRuntimeException("CATALOG_IO_FAILED", "Cannot delete the partition " + name(p) + " of table "
            + table.id() + " at " + dir + ": " + e, e);
      }
    }
  }
}
