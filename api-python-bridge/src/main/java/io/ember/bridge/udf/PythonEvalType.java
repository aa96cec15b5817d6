package io.ember.bridge.udf;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/** How a worker calls a Python function: once per row with Python values, or once per batch with arrays. */
public enum PythonEvalType {
  /** {@code udf}: called per row with Python values (None for null). */
  ROW,
  /** {@code pandas_udf}: called per batch with one array (or pandas Series) per argument. */
  VECTOR;

  /** The name on the wire ({@code "row"}, {@code "vector"}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws EmberIllegalArgumentException {@code BRIDGE_INVALID_REQUEST} for an unknown name */
  public static PythonEvalType fromWire(String name) {
    for (PythonEvalType t : values()) {
      if (t.wireName().equals(name)) {
        return t;
      }
    }
    throw new EmberIllegalArgumentException(
        "BRIDGE_INVALID_REQUEST", "Unknown UDF evalType '" + name + "'. Known: row, vector.");
  }
}
