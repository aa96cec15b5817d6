package io.ember.checkpointing;

import io.ember.core.errors.AnalysisException;
import java.util.List;

/**
 * A checkpoint location was written by a query of another shape than the one being started (its
 * {@link QueryFingerprint} differs): the stored state or offsets cannot serve it. The user's to fix: undo the
 * change or start with a new checkpoint location.
 */
public final class CheckpointMismatchException extends AnalysisException {
  /** The error class. */
  public static final String ERROR_CLASS = "INCOMPATIBLE_CHECKPOINT_LOCATION";

  private final List<String> differences;

  CheckpointMismatchException(String location, List<String> differences) {
    super(ERROR_CLASS, "The checkpoint location " + location + " was written by a query that differs from this"
        + " one: " + String.join("; ", differences) + ". The stored state and offsets cannot serve the changed"
        + " query; undo the change, or start the query with a new checkpoint location.");
    this.differences = List.copyOf(differences);
  }

  /** One sentence per part of the query shape that changed. */
  public List<String> differences() {
    return differences;
  }
}
