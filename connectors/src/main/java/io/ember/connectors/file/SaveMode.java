package io.ember.connectors.file;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/** What a file sink does when its output path already exists, as Spark's {@code DataFrameWriter.mode}. */
public enum SaveMode {
  /** Fail with {@code PATH_ALREADY_EXISTS} (Spark's default, {@code "error"} / {@code "errorifexists"}). */
  ERROR_IF_EXISTS,
  /** Add new part files beside the existing ones. */
  APPEND,
  /** Delete the existing output before writing. */
  OVERWRITE,
  /** Write nothing when the path exists. */
  IGNORE;

  /**
   * Parses Spark's mode strings, case-insensitively: {@code error}, {@code errorifexists}, {@code default}
   * (all {@link #ERROR_IF_EXISTS}), {@code append}, {@code overwrite}, {@code ignore}.
   *
   * @throws EmberIllegalArgumentException naming the valid modes
   */
  public static SaveMode fromString(String mode) {
    String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
    switch (m) {
      case "error", "errorifexists", "default":
        return ERROR_IF_EXISTS;
      case "append":
        return APPEND;
      case "overwrite":
        return OVERWRITE;
      case "ignore":
        return IGNORE;
      default:
        throw new EmberIllegalArgumentException(
            "INVALID_SAVE_MODE",
            "The specified save mode \"" + mode + "\" is invalid. Valid save modes include \"append\","
                + " \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\".");
    }
  }
}
