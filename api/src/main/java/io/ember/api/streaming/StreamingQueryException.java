package io.ember.api.streaming;

import io.ember.core.errors.EmberException;
import java.util.UUID;

/**
 * A streaming query failed, as Spark's {@code StreamingQueryException}: returned by
 * {@link StreamingQuery#exception()} and thrown by {@link StreamingQuery#awaitTermination()},
 * {@link StreamingQuery#processAllAvailable()} and {@link StreamingQueryManager#awaitAnyTermination()}. Its
 * {@link #getCause() cause} is the original error (e.g. a division by zero). The message has Spark's shape:
 * {@code [STREAM_FAILED] Query [id = ..., runId = ...] terminated with exception: <cause's message>}.
 */
public final class StreamingQueryException extends EmberException {
  private final UUID id;
  private final UUID runId;
  private final String startOffset;
  private final String endOffset;

  StreamingQueryException(UUID id, UUID runId, Throwable cause, String startOffset, String endOffset) {
    super("STREAM_FAILED", "Query [id = " + id + ", runId = " + runId + "] terminated with exception: "
        + cause.getMessage(), cause);
    this.id = id;
    this.runId = runId;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
  }

  /** The failed query's id. */
  public UUID queryId() {
    return id;
  }

  /** The failed run's id. */
  public UUID runId() {
    return runId;
  }

  /** The failure's own message, without the query prefix (Spark's {@code message}). */
  public String message() {
    return getCause().getMessage();
  }

  /** The error class of the cause when it has one, else {@code STREAM_FAILED}. */
  public String causeErrorClass() {
    return getCause() instanceof EmberException e && e.errorClass() != null ? e.errorClass() : errorClass();
  }

  /**
   * The sources' offsets (JSON, an object by source description) where the failed epoch's input started: those
   * of the last committed epoch; null when no epoch was committed.
   */
  public String startOffset() {
    return startOffset;
  }

  /**
   * The sources' offsets where the failed epoch's input ended, when known; null otherwise (the runtime records
   * offsets only for committed epochs, so a failure inside an epoch leaves its end unknown).
   */
  public String endOffset() {
    return endOffset;
  }
}
