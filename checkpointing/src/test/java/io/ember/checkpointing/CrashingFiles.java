package io.ember.checkpointing;

import io.ember.operators.state.ChunkedBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checkpoint file operations that stop dead at a chosen write or delete, as a {@code kill -9} would: nothing after
 * it happens, and a crash inside a write can leave part of its temporary file behind.
 */
final class CrashingFiles extends CheckpointFiles {
  /** Thrown where the process would have died; an {@link Error} so that no code on the way handles it. */
  static final class Crash extends Error {
    Crash(String where) {
      super("simulated crash at " + where);
    }
  }

  private final int crashAt;
  private final boolean leaveTornTemp;
  private int operations;

  /** Crashes at operation {@code crashAt} (0-based, counting writes and deletes); never when negative. */
  CrashingFiles(int crashAt, boolean leaveTornTemp) {
    super(false);
    this.crashAt = crashAt;
    this.leaveTornTemp = leaveTornTemp;
  }

  int operations() {
    return operations;
  }

  @Override
  void writeAtomically(Path target, ChunkedBytes bytes) throws IOException {
    if (operations++ == crashAt) {
      if (leaveTornTemp) {
        Files.createDirectories(target.getParent());
        Files.write(tempFor(target), bytes.slice(0, bytes.length() / 2).toByteArray());
      }
      throw new Crash("writing " + target);
    }
    super.writeAtomically(target, bytes);
  }

  @Override
  void delete(Path path) throws IOException {
    if (operations++ == crashAt) {
      throw new Crash("deleting " + path);
    }
    super.delete(path);
  }
}
