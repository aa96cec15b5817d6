package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;

/**
 * An epoch asked of a checkpoint location is not complete there: it was never committed, or retention removed
 * it (possibly while it was being read). Retryable with a newer epoch, such as
 * {@link CheckpointDirectory#latestCompleteEpoch()}.
 */
public final class CheckpointEpochNotFoundException extends EmberRuntimeException {
  /** The error class. */
  public static final String ERROR_CLASS = "CHECKPOINT_EPOCH_NOT_FOUND";

  private final long epoch;

  CheckpointEpochNotFoundException(String location, long epoch, String why) {
    super(ERROR_CLASS, "Epoch " + epoch + " is not complete in the checkpoint location " + location + ": " + why
        + ".");
    this.epoch = epoch;
  }

  public long epoch() {
    return epoch;
  }
}
