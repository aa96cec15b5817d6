package io.ember.operators.window;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.datetime.TimeWindow;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.stream.OutputMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An aggregation grouped by a session window (Spark's {@code MergingSessionsExec} in batch, its
 * {@code SessionWindowStateStoreRestore/Save} pair in a stream). One key, {@code sessionKeyIndex}, evaluates to
 * each row's {@code struct<start, end>} range ({@code [time, time + gap)}); per value of the other keys, ranges
 * that overlap or touch (a range starting at or before a session's end) merge into one session from the earliest
 * start to the latest end, merging the functions' states as they merge. Rows with a null or empty range are
 * skipped. The output is the keys in order (the session key holding the merged session) followed by one result
 * per function, as a hash aggregate's. Its input must be partitioned by the other keys (a hash exchange on them,
 * or one task when there are none); rows may arrive in any order.
 *
 * <p>{@code outputMode} null means batch: sessions are emitted at end of input. In a stream ({@link
 * #isStateful()}) sessions are kept per key in the task's keyed state table, and:
 * <ul>
 *   <li>{@link OutputMode#APPEND}: a watermark advance to {@code W} emits, then evicts, every session whose end
 *       is {@code <= W}; nothing is emitted at the end of an epoch.</li>
 *   <li>{@link OutputMode#UPDATE}: the sessions created or changed during an epoch are emitted at its end; a
 *       watermark advance evicts the sessions it closes without emitting them.</li>
 *   <li>{@link OutputMode#COMPLETE}: every session at every end of epoch; nothing is evicted.</li>
 * </ul>
 * With a watermark, input rows whose range ends at or before it are late: dropped and counted (append and update
 * modes). End of input emits nothing in a stream.
 *
 * @param inputSchema the schema of the input batches
 * @param groupingExpressions the keys bound to the input, the session key among them
 * @param groupingNames the output names of the keys
 * @param sessionKeyIndex the position of the session key among the keys
 * @param functions the aggregate functions, their inputs bound to the input
 * @param functionNames the output names of the results
 * @param outputMode null in batch; the streaming output mode otherwise
 */
public record SessionWindowAggregateSpec(
    StructType inputSchema,
    List<Expression> groupingExpressions,
    List<String> groupingNames,
    int sessionKeyIndex,
    List<AggregateFunction> functions,
    List<String> functionNames,
    OutputMode outputMode) implements OperatorSpec {

  public SessionWindowAggregateSpec {
    groupingExpressions = List.copyOf(groupingExpressions);
    groupingNames = List.copyOf(groupingNames);
    functions = List.copyOf(functions);
    functionNames = List.copyOf(functionNames);
    if (groupingExpressions.size() != groupingNames.size() || functions.size() != functionNames.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A session window aggregate needs one name per key"
          + " and per function: got " + groupingExpressions.size() + " keys with " + groupingNames.size()
          + " names and " + functions.size() + " functions with " + functionNames.size() + " names.");
    }
    if (sessionKeyIndex < 0 || sessionKeyIndex >= groupingExpressions.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "Session key " + sessionKeyIndex + " is not one of the " + groupingExpressions.size() + " keys.");
    }
    if (!TimeWindow.TYPE.equals(groupingExpressions.get(sessionKeyIndex).dataType())) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "The session key `" + groupingNames.get(sessionKeyIndex)
          + "` must be a " + TimeWindow.TYPE.simpleString() + ", not "
          + groupingExpressions.get(sessionKeyIndex).dataType().simpleString() + ".");
    }
  }

  /** The batch operator: every session at end of input. */
  public static SessionWindowAggregateSpec batch(StructType input, List<Expression> keys, List<String> keyNames,
      int sessionKeyIndex, List<AggregateFunction> functions, List<String> functionNames) {
    return new SessionWindowAggregateSpec(input, keys, keyNames, sessionKeyIndex, functions, functionNames, null);
  }

  /**
   * The streaming operator for {@code mode}. Its input must be the raw rows (no partial aggregate before it),
   * hash-partitioned on the keys other than {@code sessionKeyIndex}.
   */
  public static SessionWindowAggregateSpec streaming(StructType input, List<Expression> keys, List<String> keyNames,
      int sessionKeyIndex, List<AggregateFunction> functions, List<String> functionNames, OutputMode mode) {
    if (mode == null) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A streaming session window aggregate needs an output mode.");
    }
    return new SessionWindowAggregateSpec(input, keys, keyNames, sessionKeyIndex, functions, functionNames, mode);
  }

  /** True in a stream. */
  public boolean streaming() {
    return outputMode != null;
  }

  @Override
  public boolean isStateful() {
    return streaming();
  }

  /** The positions among the keys of the keys other than the session key: the partitioning of the input. */
  public int[] otherKeyPositions() {
    int[] out = new int[groupingExpressions.size() - 1];
    for (int i = 0, k = 0; i < groupingExpressions.size(); i++) {
      if (i != sessionKeyIndex) {
        out[k++] = i;
      }
    }
    return out;
  }

  /** The partial states of every function, in order: how sessions are stored. */
  StructType stateSchema() {
    List<StructField> fields = new ArrayList<>();
    for (AggregateFunction f : functions) {
      fields.addAll(f.stateFields());
    }
    return new StructType(fields);
  }

  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < groupingExpressions.size(); i++) {
      Expression k = groupingExpressions.get(i);
      fields.add(new StructField(groupingNames.get(i), k.dataType(), i != sessionKeyIndex && k.nullable()));
    }
    for (int i = 0; i < functions.size(); i++) {
      fields.add(new StructField(functionNames.get(i), functions.get(i).resultType(), functions.get(i).nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public Operator create() {
    return new SessionWindowAggregateOperator(this);
  }

  /** For example {@code SessionWindowAggregate(keys=[user, session_window], functions=[count(1)], mode=batch)}. */
  @Override
  public String explain() {
    return "SessionWindowAggregate(keys=[" + String.join(", ", groupingNames) + "], functions=["
        + functions.stream().map(AggregateFunction::sql).collect(Collectors.joining(", ")) + "], mode="
        + (outputMode == null ? "batch" : outputMode.name().toLowerCase(java.util.Locale.ROOT)) + ")";
  }
}
