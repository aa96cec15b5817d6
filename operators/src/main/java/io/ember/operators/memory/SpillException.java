package io.ember.operators.memory;

import io.ember.core.errors.EmberRuntimeException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Spilling failed: the spill directory cannot be created or written ({@code SPILL_DIRECTORY_NOT_WRITABLE}), its disk
 * is full ({@code SPILL_DISK_FULL}), or a spill file cannot be read back ({@code SPILL_FILE_UNREADABLE}). The message
 * names the directory and the options that choose another one.
 */
public final class SpillException extends EmberRuntimeException {
  private final Path directory;

  private SpillException(String errorClass, String message, Path directory, Throwable cause) {
    super(errorClass, message, cause);
    this.directory = directory;
  }

  /** The directory the failed file is (or was to be) in. */
  public Path directory() {
    return directory;
  }

  static SpillException writing(Path directory, Throwable cause) {
    String reason = String.valueOf(cause.getMessage());
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
      reason = reason + ": " + root.getMessage();
    }
    boolean full = reason.toLowerCase(Locale.ROOT).contains("no space left");
    String what = full ? "the disk of the spill directory '" + directory + "' is full"
        : "the spill directory '" + directory + "' is not writable";
    return new SpillException(full ? "SPILL_DISK_FULL" : "SPILL_DIRECTORY_NOT_WRITABLE",
        "Could not spill data that exceeds the task's memory budget (" + MemoryBudget.CONFIG_KEY + "): " + what
            + " (" + reason + "). Point '" + SpillDirectory.CONFIG_KEY + "' (or '" + SpillDirectory.SPARK_CONFIG_KEY
            + "') at a writable directory with free space, or raise '" + MemoryBudget.CONFIG_KEY + "'.",
        directory, cause);
  }

  static SpillException reading(Path file, Path directory, Throwable cause) {
    return new SpillException("SPILL_FILE_UNREADABLE",
        "Could not read back the spill file '" + file + "' (" + cause.getMessage() + "); was the spill directory '"
            + directory + "' cleaned while the query ran?", directory, cause);
  }
}
