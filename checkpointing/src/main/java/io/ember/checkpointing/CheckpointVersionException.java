package io.ember.checkpointing;

/**
 * A checkpoint value was written in a format version this Ember does not read (written by another Ember
 * version). The fix is to restart the query from a new checkpoint location.
 */
public final class CheckpointVersionException extends CheckpointCorruptException {
  /** The error class, as for operator snapshots of another format version. */
  public static final String ERROR_CLASS = "INCOMPATIBLE_STATE";

  private final int foundVersion;
  private final int supportedVersion;

  CheckpointVersionException(String what, int foundVersion, int supportedVersion) {
    super(ERROR_CLASS, "The " + what + " has format version " + foundVersion + " but this Ember reads version "
        + supportedVersion + ". Restart the query from a new checkpoint location.");
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }

  public int foundVersion() {
    return foundVersion;
  }

  public int supportedVersion() {
    return supportedVersion;
  }
}
