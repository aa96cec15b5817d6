package io.ember.core.expr;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the entries of one map row at a time with Spark's key rules: a null key is {@code NULL_MAP_KEY}, a repeated
 * key {@code DUPLICATED_MAP_KEY} (Spark's default {@code spark.sql.mapKeyDedupPolicy}, EXCEPTION). Not thread-safe;
 * one per evaluation.
 */
final class MapValues {
  private final VectorBuilder.Maps out;
  private final Set<Object> seen = new HashSet<>();

  MapValues(VectorBuilder.Maps out) {
    this.out = out;
  }

  /** Appends the entry {@code keys[k] -> values[v]} to the row being built. */
  void put(ColumnVector keys, int k, ColumnVector values, int v) {
    if (keys.isNull(k)) {
      throw nullKey();
    }
    Object key = keys.get(k);
    if (!seen.add(key)) {
      throw new EmberRuntimeException("DUPLICATED_MAP_KEY", "Duplicate map key " + key + " was found, please check"
          + " the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\""
          + " to \"LAST_WIN\" so that the key inserted at last takes precedence.");
    }
    out.keys().appendFrom(keys, k);
    out.values().appendFrom(values, v);
  }

  /** Closes the row. */
  void end() {
    seen.clear();
    out.endMap();
  }

  static EmberRuntimeException nullKey() {
    return new EmberRuntimeException("NULL_MAP_KEY", "Cannot use null as map key.");
  }
}
