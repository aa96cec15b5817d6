package io.ember.operators.stream.aggregate;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.internal.EventTimes;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.RowKind;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The stateful final phase of a streaming aggregation (Spark's {@code StateStoreRestore}, merging
 * {@code HashAggregate} and {@code StateStoreSave} in one operator). Its input is the output of
 * {@link #partial()}, a PARTIAL {@link HashAggregateSpec} that emits its groups' partial states at every end of
 * epoch, hash-exchanged on the keys; its output is the keys followed by one result column per function, as the
 * batch final phase's.
 *
 * <p>Each group's merged partial state is kept across epochs in a keyed state table: during an epoch the
 * groups touched are loaded into columnar accumulators and merged; at the end of the epoch they are written
 * back. What is emitted, and when, follows Spark exactly:
 * <ul>
 *   <li>{@link OutputMode#COMPLETE}: every group, at every end of epoch; nothing is ever evicted or dropped as
 *       late.</li>
 *   <li>{@link OutputMode#UPDATE}: the groups updated during the epoch, at its end. With an event-time key,
 *       input rows whose key is at or before the watermark are dropped as late, and a watermark advance
 *       evicts the groups it closes without emitting them.</li>
 *   <li>{@link OutputMode#APPEND} (needs an event-time key): nothing at the end of an epoch; a watermark
 *       advance to {@code W} emits, then evicts, every group whose key is at or before {@code W}. Late rows are
 *       dropped as in update mode.</li>
 * </ul>
 * A key is at or before the watermark when its event time is {@code <= W}: a timestamp key itself, a window
 * key ({@code struct<start, end>}) its end (Spark's {@code watermarkPredicateForKeys}); a null key never is.
 * A global aggregate (no keys) emits its single row at every end of epoch (complete and update modes).
 * End of input emits nothing: a streaming aggregate keeps its state.
 *
 * <p>A {@link #changelog() changelog} aggregate (one whose output feeds another aggregation, in update or complete
 * mode, without an event-time key) emits at each end of epoch, for each group updated during the epoch whose
 * result changed, the row it emitted for the group before (if any) as a {@link RowKind#RETRACT} and the new row as
 * an {@link RowKind#INSERT}, in a last {@link RowKind#COLUMN} column; the output mode does not change what it emits
 * (the aggregation reading it applies the mode).
 *
 * @param partial the PARTIAL aggregate whose output this operator reads
 * @param outputMode what to emit when
 * @param eventTimeKey the index among the keys of the event-time key (a timestamp, or a window struct whose
 *     second field is its end), or {@link #NO_EVENT_TIME_KEY}
 * @param changelog true to emit retractions and new rows with a row kind, for a retracting aggregation downstream
 */
public record StreamingAggregateSpec(HashAggregateSpec partial, OutputMode outputMode, int eventTimeKey,
    boolean changelog) implements OperatorSpec {
  /** The value of {@code eventTimeKey} for an aggregate without an event-time key. */
  public static final int NO_EVENT_TIME_KEY = -1;

  public StreamingAggregateSpec {
    if (partial.mode() != HashAggregateSpec.Mode.PARTIAL) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "A streaming aggregate reads a PARTIAL aggregate, got " + partial.mode() + ": " + partial.explain());
    }
    int keys = partial.groupingExpressions().size();
    if (eventTimeKey < NO_EVENT_TIME_KEY || eventTimeKey >= keys) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "Event-time key " + eventTimeKey + " is not one of the " + keys + " keys of " + partial.explain());
    }
    if (eventTimeKey >= 0 && !EventTimes.isEventTimeType(partial.groupingExpressions().get(eventTimeKey).dataType())) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "The event-time key `"
          + partial.groupingNames().get(eventTimeKey) + "` must be a TIMESTAMP or a window struct, not "
          + partial.groupingExpressions().get(eventTimeKey).dataType().simpleString() + ".");
    }
    if (outputMode == OutputMode.APPEND && eventTimeKey < 0) {
      throw new AnalysisException("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
          "Append output mode not supported when there are streaming aggregations on streaming"
              + " DataFrames/DataSets without watermark.");
    }
    if (changelog && (eventTimeKey >= 0 || outputMode == OutputMode.APPEND)) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A changelog aggregate runs in update or complete"
          + " mode without an event-time key: " + partial.explain());
    }
  }

  /** An aggregate that emits its results (not a changelog). */
  public StreamingAggregateSpec(HashAggregateSpec partial, OutputMode outputMode, int eventTimeKey) {
    this(partial, outputMode, eventTimeKey, false);
  }

  /** The stateful phase reading {@code partial}'s output. */
  public static StreamingAggregateSpec finalFor(HashAggregateSpec partial, OutputMode mode, int eventTimeKey) {
    return new StreamingAggregateSpec(partial, mode, eventTimeKey);
  }

  /** The stateful phase of an aggregate without an event-time key (complete or update mode). */
  public static StreamingAggregateSpec finalFor(HashAggregateSpec partial, OutputMode mode) {
    return new StreamingAggregateSpec(partial, mode, NO_EVENT_TIME_KEY);
  }

  /**
   * The stateful phase of an aggregate without an event-time key whose output feeds another aggregation: it emits a
   * changelog (update or complete mode).
   */
  public static StreamingAggregateSpec changelogFor(HashAggregateSpec partial, OutputMode mode) {
    return new StreamingAggregateSpec(partial, mode, NO_EVENT_TIME_KEY, true);
  }

  /** The schema of the input: the partial aggregate's output (keys, then every function's state fields). */
  public StructType inputSchema() {
    return partial.partialOutputSchema();
  }

  /** True when there are no keys. */
  public boolean isGlobal() {
    return partial.isGlobal();
  }

  /** True when late rows are dropped and closed groups evicted: an event-time key, and not complete mode. */
  public boolean usesWatermark() {
    return eventTimeKey >= 0 && outputMode != OutputMode.COMPLETE;
  }

  @Override
  public Operator create() {
    return new StreamingAggregateOperator(this);
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  /** Keys, then one result column per function; then the {@link RowKind} column for a changelog. */
  @Override
  public StructType outputSchema() {
    return changelog ? RowKind.append(partial.finalOutputSchema()) : partial.finalOutputSchema();
  }

  /**
   * For example {@code StreamingAggregate(keys=[window, word], functions=[count(1)], outputMode=Update,
   * eventTimeKey=window)}.
   */
  @Override
  public String explain() {
    String fns = partial.functions().stream().map(AggregateFunction::sql).collect(Collectors.joining(", "));
    String mode = outputMode.name().charAt(0) + outputMode.name().substring(1).toLowerCase(Locale.ROOT);
    return "StreamingAggregate(keys=[" + String.join(", ", partial.groupingNames()) + "], functions=[" + fns
        + "], outputMode=" + mode
        + (eventTimeKey >= 0 ? ", eventTimeKey=" + partial.groupingNames().get(eventTimeKey) : "")
        + (changelog ? ", changelog" : "") + ")";
  }
}
