package io.ember.connectors.file;

import java.util.List;

/**
 * A file to read: its absolute path, size in bytes, and the raw Hive-style partition values found in the
 * directories between the listed base path and the file ({@code year=2024/} gives {@code ("year","2024")}),
 * in path order.
 */
public record FileEntry(String path, long size, List<PartitionValue> partitionValues) {
  public FileEntry {
    partitionValues = List.copyOf(partitionValues);
  }

  /** One {@code name=value} directory level; {@code value} is null for {@code __HIVE_DEFAULT_PARTITION__}. */
  public record PartitionValue(String name, String value) {}
}
