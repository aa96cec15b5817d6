package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.StorageLevel;

/**
 * A {@link StorageLevel} on the wire: {@code {"useDisk": b, "useMemory": b, "useOffHeap": b, "deserialized": b,
 * "replication": n}}, the fields of PySpark's {@code StorageLevel}.
 */
final class StorageLevels {
  private StorageLevels() {}

  /** The level in {@code obj.field}; {@code dflt} when the field is absent or null. */
  static StorageLevel decode(JsonNode obj, String field, StorageLevel dflt) {
    JsonNode node = Args.optional(obj, field);
    if (node == null || node.isNull()) {
      return dflt;
    }
    return new StorageLevel(Args.bool(node, "useDisk", false), Args.bool(node, "useMemory", false),
        Args.bool(node, "useOffHeap", false), Args.bool(node, "deserialized", false),
        Args.optInt(node, "replication", 1));
  }

  /** Puts {@code level} into {@code out.field}. */
  static void encode(StorageLevel level, ObjectNode out, String field) {
    ObjectNode node = out.putObject(field);
    node.put("useDisk", level.useDisk());
    node.put("useMemory", level.useMemory());
    node.put("useOffHeap", level.useOffHeap());
    node.put("deserialized", level.deserialized());
    node.put("replication", level.replication());
  }
}
