package io.ember.operators.stream.dedup;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.distinct.DedupKeys;
import io.ember.operators.internal.EventTimes;
import java.util.List;

/**
 * Streaming deduplication, Spark's {@code StreamingDeduplicateExec} ({@code dropDuplicates(cols)} on a
 * stream) and {@code StreamingDeduplicateWithinWatermarkExec} ({@code dropDuplicatesWithinWatermark(cols)}).
 * Pipelined: the first row of each key is emitted as it arrives, later rows of the key are dropped. Nulls
 * in keys equal each other. The input must be hash-partitioned by the key for a global result.
 *
 * <p>Event time: when the input has a watermarked column ({@code eventTimeColumn >= 0}), rows whose event
 * time is at or before the watermark are dropped as late (counted in
 * {@link io.ember.operators.StateMetrics#numRowsDroppedByWatermark()}), as Spark filters them.
 *
 * <ul>
 *   <li>{@code dropDuplicates}: a key is kept forever unless the event-time column is one of the keys; then a
 *       key is evicted once its event time is at or before the watermark (a later duplicate would be late).
 *   <li>{@code withinWatermark}: a key is kept until the watermark passes the event time of its first row
 *       plus {@code delayMicros} (the watermark's delay): duplicates within the delay of the first row are
 *       dropped, whatever their own event times. The keys need not include the event time.
 * </ul>
 *
 * <p>State: one entry per key in a {@link io.ember.operators.state.StateTable} ({@code key -> eviction
 * time}); snapshots hold the entries and the watermark. {@code endOfInput} does not flush anything.
 *
 * @param schema the schema of input and output
 * @param keyColumns the key column indices; empty means every column
 * @param eventTimeColumn the input's watermarked event-time column (a timestamp, or a window struct whose end
 *     is compared), or -1 when the stream has no watermark
 * @param delayMicros the watermark's delay; used by {@code withinWatermark} only
 * @param withinWatermark true for {@code dropDuplicatesWithinWatermark}
 */
public record StreamingDeduplicateSpec(
    StructType schema, List<Integer> keyColumns, int eventTimeColumn, long delayMicros, boolean withinWatermark)
    implements OperatorSpec {
  public StreamingDeduplicateSpec {
    keyColumns = DedupKeys.checked("Deduplicate", schema, keyColumns);
    if (eventTimeColumn >= schema.size() || eventTimeColumn < -1) {
      throw new EmberIllegalArgumentException(
          "INTERNAL_ERROR", "Event-time column " + eventTimeColumn + " is outside " + schema.simpleString());
    }
    if (eventTimeColumn >= 0 && !EventTimes.isEventTimeType(schema.field(eventTimeColumn).dataType())) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Event-time column "
          + schema.field(eventTimeColumn).name() + " is neither a timestamp nor a window");
    }
    if (withinWatermark && eventTimeColumn < 0) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "dropDuplicatesWithinWatermark needs an event-time column with a watermark");
    }
    if (delayMicros < 0) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Watermark delay must not be negative: " + delayMicros);
    }
  }

  /** {@code dropDuplicates(keys)} on a stream without a watermark: state grows with the distinct keys. */
  public static StreamingDeduplicateSpec withoutWatermark(StructType schema, List<Integer> keyColumns) {
    return new StreamingDeduplicateSpec(schema, keyColumns, -1, 0, false);
  }

  /** {@code dropDuplicates(keys)} on a stream whose column {@code eventTimeColumn} has a watermark. */
  public static StreamingDeduplicateSpec withWatermark(StructType schema, List<Integer> keyColumns, int eventTimeColumn) {
    return new StreamingDeduplicateSpec(schema, keyColumns, eventTimeColumn, 0, false);
  }

  /** {@code dropDuplicatesWithinWatermark(keys)}; {@code delayMicros} is the delay of the watermark. */
  public static StreamingDeduplicateSpec withinWatermark(
      StructType schema, List<Integer> keyColumns, int eventTimeColumn, long delayMicros) {
    return new StreamingDeduplicateSpec(schema, keyColumns, eventTimeColumn, delayMicros, true);
  }

  /** The key column indices, every column when {@link #keyColumns()} is empty. */
  public int[] effectiveKeys() {
    return DedupKeys.effective(schema, keyColumns);
  }

  /** Whether keys are evicted by the watermark: within-watermark, or the event time is one of the keys. */
  public boolean evictsState() {
    if (withinWatermark) {
      return true;
    }
    if (eventTimeColumn < 0) {
      return false;
    }
    for (int k : effectiveKeys()) {
      if (k == eventTimeColumn) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Operator create() {
    return new StreamingDeduplicateOperator(this);
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  @Override
  public StructType outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    String j = DedupKeys.names(schema, effectiveKeys());
    return (withinWatermark ? "StreamingDeduplicateWithinWatermark(keys=" : "StreamingDeduplicate(keys=") + j
        + (eventTimeColumn >= 0 ? ", eventTime=" + schema.field(eventTimeColumn).name() : "")
        + (withinWatermark ? ", delayMicros=" + delayMicros : "") + ")";
  }
}
