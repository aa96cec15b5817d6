package io.ember.operators.aggregate;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A hash aggregate: group the input by {@code groupingExpressions} and compute {@code functions} per group.
 *
 * <p>Modes, for two-phase aggregation around a hash exchange:
 * <ul>
 *   <li>{@link Mode#PARTIAL}: evaluates the functions' inputs and emits, per group, the keys followed by every
 *       function's {@link AggregateFunction#stateFields() state columns} ({@link #partialOutputSchema()}). It
 *       emits at end of input, and also whenever its table reaches {@code partialFlushGroups} groups (it then
 *       emits them all and starts empty), so a partial aggregate's memory stays bounded; the final aggregate
 *       merges the repeated groups. In a stream it also emits and starts empty at every
 *       {@link Operator#endOfEpoch end of epoch}, for the stateful final phase
 *       ({@code StreamingAggregateSpec}). With keys it is adaptive ({@link AdaptivePartial}): once a sample of
 *       its input shows that grouping barely reduces the rows, it stops hashing and passes every row on as a
 *       group of its own, in the same state columns, and the final phase merges them as any partial rows.</li>
 *   <li>{@link Mode#FINAL}: its input is a partial aggregate's output (build it with {@link #finalFor});
 *       it merges states and emits keys and results at end of input.</li>
 *   <li>{@link Mode#COMPLETE}: both in one operator.</li>
 * </ul>
 * The planner wires PARTIAL, then a hash exchange on {@link #keyColumns()}, then {@code finalFor(partial)}.
 * A global aggregate ({@link #isGlobal()}) has no keys to hash: its final phase must receive every partial
 * row, through a gather exchange into one task.
 *
 * <p>Keys of any type group by equality, null being a group of its own. Without keys (a global aggregate) the
 * output is exactly one row, even for empty input (PARTIAL emits one state row per task, FINAL one result row).
 * FINAL and COMPLETE hold every group until end of input within the task's memory budget.
 *
 * @param inputSchema the schema of the input batches
 * @param groupingExpressions the keys, bound to the input
 * @param groupingNames the output names of the keys
 * @param functions the aggregate functions, their inputs bound to the PARTIAL or COMPLETE input
 * @param functionNames the output names of the results
 * @param partialFlushGroups the group count at which PARTIAL emits and empties its table
 * @param adaptivePartial when a keyed PARTIAL stops grouping and passes rows through
 */
public record HashAggregateSpec(
    StructType inputSchema,
    List<Expression> groupingExpressions,
    List<String> groupingNames,
    List<AggregateFunction> functions,
    List<String> functionNames,
    Mode mode,
    int partialFlushGroups,
    AdaptivePartial adaptivePartial) implements OperatorSpec {

  /** The aggregation phase. */
  public enum Mode {
    PARTIAL, FINAL, COMPLETE
  }

  /** The default of {@code partialFlushGroups}. */
  public static final int DEFAULT_PARTIAL_FLUSH_GROUPS = 1 << 16;

  /**
   * Adaptive partial aggregation, as Trino's: a keyed PARTIAL aggregate counts its input rows and the groups
   * they made (summed over its flushes and epochs); once it has seen {@code sampleRows} rows, if the groups
   * exceed {@code maxGroupRatio} of the rows it emits what it holds and passes every later row through as a
   * group of its own (its keys and one-row states), and after {@code passRows} rows passed through it samples
   * again; otherwise it keeps grouping. The answer is the same either way: only the rows the exchange carries
   * change. Aggregates with a large fixed state per group (approx_count_distinct's registers) never pass rows
   * through.
   *
   * @param sampleRows rows to see before deciding; {@link Long#MAX_VALUE} never decides (always groups)
   * @param maxGroupRatio the groups per row above which the rows pass through
   * @param passRows rows passed through before sampling again
   */
  public record AdaptivePartial(long sampleRows, double maxGroupRatio, long passRows) {
    /** Trino's defaults: decide after 100k rows, pass through above 0.8 groups per row; sample again every 10M rows. */
    public static final AdaptivePartial DEFAULT = new AdaptivePartial(100_000, 0.8, 10_000_000);
    /** Always group. */
    public static final AdaptivePartial OFF = new AdaptivePartial(Long.MAX_VALUE, 1.0, Long.MAX_VALUE);

    public AdaptivePartial {
      if (sampleRows <= 0 || passRows <= 0 || !(maxGroupRatio >= 0 && maxGroupRatio <= 1)) {
        throw new EmberIllegalArgumentException("INTERNAL_ERROR", "adaptive partial aggregation needs positive row"
            + " counts and a ratio in [0, 1], got " + sampleRows + ", " + maxGroupRatio + ", " + passRows);
      }
    }

    /** Whether it ever passes rows through. */
    public boolean enabled() {
      return sampleRows != Long.MAX_VALUE;
    }
  }

  /** A spec with the default {@link AdaptivePartial}. */
  public HashAggregateSpec(StructType inputSchema, List<Expression> groupingExpressions, List<String> groupingNames,
      List<AggregateFunction> functions, List<String> functionNames, Mode mode, int partialFlushGroups) {
    this(inputSchema, groupingExpressions, groupingNames, functions, functionNames, mode, partialFlushGroups,
        AdaptivePartial.DEFAULT);
  }

  public HashAggregateSpec {
    groupingExpressions = List.copyOf(groupingExpressions);
    groupingNames = List.copyOf(groupingNames);
    functions = List.copyOf(functions);
    functionNames = List.copyOf(functionNames);
    if (groupingExpressions.size() != groupingNames.size() || functions.size() != functionNames.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A hash aggregate needs one name per key and per"
          + " function: got " + groupingExpressions.size() + " keys with " + groupingNames.size() + " names and "
          + functions.size() + " functions with " + functionNames.size() + " names.");
    }
    if (adaptivePartial == null) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "adaptivePartial must not be null");
    }
    if (partialFlushGroups <= 0) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "partialFlushGroups must be positive, got " + partialFlushGroups);
    }
  }

  /** A one-phase aggregate. */
  public static HashAggregateSpec complete(StructType input, List<Expression> keys, List<String> keyNames,
      List<AggregateFunction> functions, List<String> functionNames) {
    return new HashAggregateSpec(input, keys, keyNames, functions, functionNames, Mode.COMPLETE,
        DEFAULT_PARTIAL_FLUSH_GROUPS);
  }

  /** The partial phase, which runs before the hash exchange. */
  public static HashAggregateSpec partial(StructType input, List<Expression> keys, List<String> keyNames,
      List<AggregateFunction> functions, List<String> functionNames) {
    return new HashAggregateSpec(input, keys, keyNames, functions, functionNames, Mode.PARTIAL,
        DEFAULT_PARTIAL_FLUSH_GROUPS);
  }

  /** The final phase reading {@code partial}'s output: keys are its first columns, states follow. */
  public static HashAggregateSpec finalFor(HashAggregateSpec partial) {
    if (partial.mode() != Mode.PARTIAL) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "finalFor needs a PARTIAL aggregate, got " + partial.mode() + ": " + partial.explain());
    }
    StructType input = partial.partialOutputSchema();
    List<Expression> keys = new ArrayList<>();
    for (int i = 0; i < partial.groupingExpressions().size(); i++) {
      StructField f = input.field(i);
      keys.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    return new HashAggregateSpec(input, keys, partial.groupingNames(), partial.functions(), partial.functionNames(),
        Mode.FINAL, partial.partialFlushGroups(), partial.adaptivePartial());
  }

  /** A copy with another {@code partialFlushGroups}. */
  public HashAggregateSpec withPartialFlushGroups(int groups) {
    return new HashAggregateSpec(inputSchema, groupingExpressions, groupingNames, functions, functionNames, mode, groups,
        adaptivePartial);
  }

  /** A copy with another {@link AdaptivePartial} ({@link AdaptivePartial#OFF} to always group). */
  public HashAggregateSpec withAdaptivePartial(AdaptivePartial adaptive) {
    return new HashAggregateSpec(inputSchema, groupingExpressions, groupingNames, functions, functionNames, mode,
        partialFlushGroups, adaptive);
  }

  /** True when there are no keys: the output is exactly one row. */
  public boolean isGlobal() {
    return groupingExpressions.isEmpty();
  }

  /** The positions of the key columns in the PARTIAL output: the hash exchange's keys. */
  public int[] keyColumns() {
    int[] out = new int[groupingExpressions.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = i;
    }
    return out;
  }

  /** Keys, then each function's state fields named {@code <output name>.<state field>}. */
  public StructType partialOutputSchema() {
    List<StructField> fields = keyFields();
    for (int i = 0; i < functions.size(); i++) {
      for (StructField s : functions.get(i).stateFields()) {
        fields.add(s.withName(functionNames.get(i) + "." + s.name()));
      }
    }
    return new StructType(fields);
  }

  /** Keys, then one result column per function. */
  public StructType finalOutputSchema() {
    List<StructField> fields = keyFields();
    for (int i = 0; i < functions.size(); i++) {
      AggregateFunction f = functions.get(i);
      fields.add(new StructField(functionNames.get(i), f.resultType(), f.nullable()));
    }
    return new StructType(fields);
  }

  private List<StructField> keyFields() {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < groupingExpressions.size(); i++) {
      Expression k = groupingExpressions.get(i);
      fields.add(new StructField(groupingNames.get(i), k.dataType(), k.nullable()));
    }
    return fields;
  }

  @Override
  public StructType outputSchema() {
    return mode == Mode.PARTIAL ? partialOutputSchema() : finalOutputSchema();
  }

  @Override
  public Operator create() {
    return new HashAggregateOperator(this);
  }

  /** Spark's form: {@code HashAggregate(keys=[category], functions=[partial_count(1), partial_sum(price)])}. */
  @Override
  public String explain() {
    String prefix = mode == Mode.PARTIAL ? "partial_" : "";
    String keys = groupingNames.stream().collect(Collectors.joining(", "));
    String fns = functions.stream().map(f -> prefix + f.sql()).collect(Collectors.joining(", "));
    return "HashAggregate(keys=[" + keys + "], functions=[" + fns + "])";
  }
}
