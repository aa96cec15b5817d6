package io.ember.api.streaming;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Locale;

/**
 * What a streaming query writes to its sink at each epoch, as Spark's {@code OutputMode}.
 *
 * <ul>
 *   <li>{@link #Append()}: only rows added to the result since the last epoch, each written once; an aggregate
 *       row is written once the watermark says it can no longer change.
 *   <li>{@link #Update()}: the result rows that changed in the epoch.
 *   <li>{@link #Complete()}: the whole result table, every epoch (aggregations only).
 * </ul>
 *
 * Which modes a query allows depends on its operators and its sink; {@code DataStreamWriter.start()} rejects the
 * others with Spark's messages.
 */
public enum OutputMode {
  /** Spark's {@code OutputMode.Append}. */
  APPEND("Append"),
  /** Spark's {@code OutputMode.Update}. */
  UPDATE("Update"),
  /** Spark's {@code OutputMode.Complete}. */
  COMPLETE("Complete");

  private final String sparkName;

  OutputMode(String sparkName) {
    this.sparkName = sparkName;
  }

  /** New rows only, as Spark's {@code OutputMode.Append()} (the default of a query). */
  public static OutputMode Append() {
    return APPEND;
  }

  /** Changed rows, as Spark's {@code OutputMode.Update()}. */
  public static OutputMode Update() {
    return UPDATE;
  }

  /** The whole result, as Spark's {@code OutputMode.Complete()}. */
  public static OutputMode Complete() {
    return COMPLETE;
  }

  /**
   * The mode named {@code outputMode}: {@code append}, {@code update} or {@code complete}, case-insensitive.
   *
   * @throws EmberIllegalArgumentException {@code STREAMING_OUTPUT_MODE.INVALID} for any other string
   */
  public static OutputMode fromString(String outputMode) {
    switch (outputMode == null ? "" : outputMode.toLowerCase(Locale.ROOT)) {
      case "append":
        return APPEND;
      case "update":
        return UPDATE;
      case "complete":
        return COMPLETE;
      default:
        throw new EmberIllegalArgumentException("STREAMING_OUTPUT_MODE.INVALID", "Invalid streaming output mode: "
            + outputMode + ". Accepted output modes are 'Append', 'Complete', 'Update'.");
    }
  }

  /** Spark's name of the mode: {@code Append}, {@code Update} or {@code Complete}. */
  @Override
  public String toString() {
    return sparkName;
  }
}
