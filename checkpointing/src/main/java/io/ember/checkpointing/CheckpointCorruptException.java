package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;

/**
 * A checkpoint (a file of a checkpoint location, or a snapshot in a replica store) cannot be read: it is
 * truncated, its checksum does not match, it is not the kind of value expected, or the location is not readable.
 * Not retryable as such: the caller falls back to an older epoch or the user starts from a new location.
 */
public class CheckpointCorruptException extends EmberRuntimeException {
  /** The error class of unreadable checkpoints. */
  public static final String ERROR_CLASS = "CHECKPOINT_UNREADABLE";

  public CheckpointCorruptException(String message) {
    super(ERROR_CLASS, message);
  }

  public CheckpointCorruptException(String message, Throwable cause) {
    super(ERROR_CLASS, message, cause);
  }

  protected CheckpointCorruptException(String errorClass, String message) {
    super(errorClass, message);
  }
}
