package io.ember.operators;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.errors.EmberRuntimeException;

/**
 * Framing for operator snapshots: every snapshot starts with its format version, so that a newer
 * Ember can read (or clearly reject) an older snapshot.
 */
public final class StateSnapshots {
  private StateSnapshots() {}

  /** A Kryo output positioned after the version header. */
  public static Output begin(int version) {
    Output out = new Output(256, -1);
    out.writeVarInt(version, true);
    return out;
  }

  /** An input positioned after the header, which must carry {@code expectedVersion}. */
  public static Input open(byte[] snapshot, int expectedVersion, String operatorName) {
    Input in = new Input(snapshot);
    int version = in.readVarInt(true);
    if (version != expectedVersion) {
      throw new EmberRuntimeException(
          "INCOMPATIBLE_STATE",
          "The snapshot of " + operatorName + " has format version " + version + " but this Ember reads version "
              + expectedVersion + ". Restart the query from a new checkpoint location.");
    }
    return in;
  }
}
