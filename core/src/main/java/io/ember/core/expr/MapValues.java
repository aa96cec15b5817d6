package io.ember.core.expr;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the entries of one map row at a time with Spark's key rules: a null key is {@code NULL_MAP_KEY}; a repeated
 * key is {@code DUPLICATED_MAP_KEY} under Spark's default {@code spark.sql.mapKeyDedupPolicy} (EXCEPTION), and with
 * LAST_WIN ({@link EvalContext#mapKeyLastWin()}) keeps its first position with the last value given, as Spark's
 * {@code ArrayBasedMapBuilder}. Not thread-safe; one per evaluation.
 */
final class MapValues {
  private final VectorBuilder.Maps out;
  private final boolean lastWin;
  /** The row's keys in order, each with the entry (vector and row) of its value. */
  private final Map<Object, Integer> slots = new HashMap<>();
  private final List<ColumnVector> keyVectors = new ArrayList<>();
  private final List<Integer> keyRows = new ArrayList<>();
  private final List<ColumnVector> valueVectors = new ArrayList<>();
  private final List<Integer> valueRows = new ArrayList<>();

  MapValues(VectorBuilder.Maps out, EvalContext ctx) {
    this.out = out;
    this.lastWin = ctx.mapKeyLastWin();
  }

  /** Adds the entry {@code keys[k] -> values[v]} to the row being built. */
  void put(ColumnVector keys, int k, ColumnVector values, int v) {
    if (keys.isNull(k)) {
      throw nullKey();
    }
    Object key = keys.get(k);
    Integer slot = slots.putIfAbsent(key, keyVectors.size());
    if (slot != null) {
      if (!lastWin) {
        throw new EmberRuntimeException("DUPLICATED_MAP_KEY", "Duplicate map key " + key + " was found, please check"
            + " the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\""
            + " to \"LAST_WIN\" so that the key inserted at last takes precedence.");
      }
      valueVectors.set(slot, values);
      valueRows.set(slot, v);
      return;
    }
    keyVectors.add(keys);
    keyRows.add(k);
    valueVectors.add(values);
    valueRows.add(v);
  }

  /** Closes the row. */
  void end() {
    for (int i = 0; i < keyVectors.size(); i++) {
      out.keys().appendFrom(keyVectors.get(i), keyRows.get(i));
      out.values().appendFrom(valueVectors.get(i), valueRows.get(i));
    }
    slots.clear();
    keyVectors.clear();
    keyRows.clear();
    valueVectors.clear();
    valueRows.clear();
    out.endMap();
  }

  static EmberRuntimeException nullKey() {
    return new EmberRuntimeException("NULL_MAP_KEY", "Cannot use null as map key.");
  }
}
