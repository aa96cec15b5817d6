package io.ember.checkpointing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a task's state out of a checkpoint location's chain of state files: a delta snapshot is materialized from the
 * nearest full state down its chain (a task's full snapshot, or a compacted one written beside a delta) and the deltas
 * after it ({@link SnapshotChains#materialize}).
 *
 * <p>Stateless beyond its location; safe to call from the writer and the compaction thread at once, since state files
 * are written atomically and never rewritten.
 */
final class StateChainReader {
  private final CheckpointLayout layout;
  private final CheckpointFiles files;

  StateChainReader(CheckpointLayout layout, CheckpointFiles files) {
    this.layout = layout;
    this.files = files;
  }

  /**
   * The full state {@code delta} ends a chain of.
   *
   * @throws CheckpointCorruptException when a state file down the chain is missing or holds another task's or
   *     epoch's state
   * @throws IOException when a file cannot be read
   */
  TaskSnapshot materialize(TaskSnapshot delta) throws IOException {
    Path compacted = layout.stateFile(delta.key(), delta.epoch());
    if (Files.exists(compacted)) {
      return full(decodeChainFile(compacted, delta.key(), delta.epoch()), compacted);
    }
    List<TaskSnapshot> chain = new ArrayList<>();
    chain.add(delta);
    for (TaskSnapshot at = delta; at.isDelta(); ) {
      Path below = layout.stateFileOf(at.key(), at.baseEpoch()); // a full state file first: it ends the chain
      if (below == null) {
        throw new CheckpointCorruptException("The state of " + at.key() + " at epoch " + at.epoch() + " is a delta on"
            + " epoch " + at.baseEpoch() + ", whose state file is missing from " + layout.location() + "; the"
            + " checkpoint location was damaged.");
      }
      at = decodeChainFile(below, at.key(), at.baseEpoch());
      chain.add(0, at);
    }
    return SnapshotChains.materialize(chain);
  }

  private static TaskSnapshot full(TaskSnapshot s, Path file) {
    if (s.isDelta()) {
      throw new CheckpointCorruptException("The state file " + file + " holds a delta, not a full state.");
    }
    return s;
  }

  private TaskSnapshot decodeChainFile(Path file, TaskStateKey key, long epoch) throws IOException {
    TaskSnapshot s = TaskSnapshot.decode(files.readChunked(file));
    if (!s.key().equals(key) || s.epoch() != epoch) {
      throw new CheckpointCorruptException("The state file " + file + " holds the state of " + s.key() + " at epoch "
          + s.epoch() + ", not of " + key + " at epoch " + epoch + ".");
    }
    return s;
  }
}
