package io.ember.api;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/**
 * How a persisted DataFrame asks its data to be kept, as Spark's {@code StorageLevel}. Ember keeps every cached
 * DataFrame's result batches on the JVM heap whatever the level (disk, off-heap and replication are recorded and
 * reported by {@link DataFrame#storageLevel()}, not acted on); {@link #NONE} means not persisted.
 *
 * @param useDisk whether Spark would write partitions that do not fit in memory to disk
 * @param useMemory whether Spark would keep partitions in memory
 * @param useOffHeap whether Spark would keep partitions off-heap
 * @param deserialized whether Spark would keep rows as objects rather than serialized bytes
 * @param replication the number of copies Spark would keep, at least 1
 */
public record StorageLevel(boolean useDisk, boolean useMemory, boolean useOffHeap, boolean deserialized,
    int replication) {
  public static final StorageLevel NONE = new StorageLevel(false, false, false, false, 1);
  public static final StorageLevel DISK_ONLY = new StorageLevel(true, false, false, false, 1);
  public static final StorageLevel DISK_ONLY_2 = new StorageLevel(true, false, false, false, 2);
  public static final StorageLevel DISK_ONLY_3 = new StorageLevel(true, false, false, false, 3);
  public static final StorageLevel MEMORY_ONLY = new StorageLevel(false, true, false, true, 1);
  public static final StorageLevel MEMORY_ONLY_2 = new StorageLevel(false, true, false, true, 2);
  public static final StorageLevel MEMORY_ONLY_SER = new StorageLevel(false, true, false, false, 1);
  public static final StorageLevel MEMORY_AND_DISK = new StorageLevel(true, true, false, true, 1);
  public static final StorageLevel MEMORY_AND_DISK_2 = new StorageLevel(true, true, false, true, 2);
  public static final StorageLevel MEMORY_AND_DISK_SER = new StorageLevel(true, true, false, false, 1);
  public static final StorageLevel MEMORY_AND_DISK_DESER = MEMORY_AND_DISK;
  public static final StorageLevel OFF_HEAP = new StorageLevel(true, true, true, false, 1);

  public StorageLevel {
    if (replication < 1) {
      throw new EmberIllegalArgumentException(
          "INVALID_STORAGE_LEVEL", "A storage level keeps at least one replica, got replication " + replication + ".");
    }
  }

  /**
   * The level Spark names {@code name} ({@code "MEMORY_AND_DISK"}, case-insensitive).
   *
   * @throws EmberIllegalArgumentException {@code INVALID_STORAGE_LEVEL} for an unknown name
   */
  public static StorageLevel fromString(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "NONE" -> NONE;
      case "DISK_ONLY" -> DISK_ONLY;
      case "DISK_ONLY_2" -> DISK_ONLY_2;
      case "DISK_ONLY_3" -> DISK_ONLY_3;
      case "MEMORY_ONLY" -> MEMORY_ONLY;
      case "MEMORY_ONLY_2" -> MEMORY_ONLY_2;
      case "MEMORY_ONLY_SER" -> MEMORY_ONLY_SER;
      case "MEMORY_AND_DISK", "MEMORY_AND_DISK_DESER" -> MEMORY_AND_DISK;
      case "MEMORY_AND_DISK_2" -> MEMORY_AND_DISK_2;
      case "MEMORY_AND_DISK_SER" -> MEMORY_AND_DISK_SER;
      case "OFF_HEAP" -> OFF_HEAP;
      default -> throw new EmberIllegalArgumentException(
          "INVALID_STORAGE_LEVEL", "Invalid StorageLevel: " + name + ".");
    };
  }

  /** Spark's description, e.g. {@code Disk Memory Deserialized 1x Replicated}. */
  public String description() {
    StringBuilder sb = new StringBuilder();
    if (useDisk) {
      sb.append("Disk ");
    }
    if (useMemory) {
      sb.append(useOffHeap ? "Memory (off heap) " : "Memory ");
    }
    sb.append(deserialized ? "Deserialized " : "Serialized ");
    sb.append(replication).append("x Replicated");
    return sb.toString();
  }

  /** Spark's {@code StorageLevel(disk, memory, deserialized, 1 replicas)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StorageLevel(");
    if (useDisk) {
      sb.append("disk, ");
    }
    if (useMemory) {
      sb.append("memory, ");
    }
    if (useOffHeap) {
      sb.append("offheap, ");
    }
    if (deserialized) {
      sb.append("deserialized, ");
    }
    return sb.append(replication).append(" replicas)").toString();
  }
}
