package io.ember.operators.stream.aggregate;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.RowKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A streaming aggregation over a changelog (Flink's retracting group aggregate): its input is the output of a
 * {@link StreamingAggregateSpec#changelog() changelog} aggregate, possibly projected and filtered, whose last column
 * is the {@link RowKind}; rows of kind {@link RowKind#INSERT} are added to their group and rows of kind {@link
 * RowKind#RETRACT} taken back from it. The functions must be able to take a row back ({@link RetractableFunction}:
 * count, sum, avg); others are refused when the spec is built. The input is hash-exchanged on the key columns (one
 * task without keys) and read row by row: there is no partial phase.
 *
 * <p>Each group keeps its number of rows (inserts minus retractions) and its functions' states in a keyed state
 * table. A group whose number of rows falls to zero is removed (a global aggregate's single group never is). Its
 * output is the keys followed by one result column per function, an ordinary (not a changelog) result, in Spark's
 * output modes:
 * <ul>
 *   <li>{@link OutputMode#UPDATE}: at each end of epoch, the groups the epoch touched that still have rows;</li>
 *   <li>{@link OutputMode#COMPLETE}: at each end of epoch, every group.</li>
 * </ul>
 * A global aggregate emits its row at every end of epoch in both modes. Append mode is refused, as Spark refuses an
 * aggregation without an event-time key in append mode.
 *
 * @param inputSchema the input's columns, the row kind last
 * @param keyColumns the input columns grouped by
 * @param keyNames the output names of the keys
 * @param functions the aggregate functions, bound to the input
 * @param functionNames the output names of their results
 * @param outputMode update or complete
 */
public record RetractingAggregateSpec(StructType inputSchema, int[] keyColumns, List<String> keyNames,
    List<AggregateFunction> functions, List<String> functionNames, OutputMode outputMode) implements OperatorSpec {
  public RetractingAggregateSpec {
    keyNames = List.copyOf(keyNames);
    functions = List.copyOf(functions);
    functionNames = List.copyOf(functionNames);
    keyColumns = keyColumns.clone();
    if (!RowKind.isChangelog(inputSchema)) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A retracting aggregate reads a changelog, whose last"
          + " column is " + RowKind.COLUMN + ": " + inputSchema.simpleString());
    }
    if (keyColumns.length != keyNames.size() || functions.size() != functionNames.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Every key and function needs an output name");
    }
    if (outputMode == OutputMode.APPEND) {
      throw new AnalysisException("STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION",
          "Append output mode not supported when there are streaming aggregations on streaming"
              + " DataFrames/DataSets without watermark.");
    }
    for (AggregateFunction f : functions) {
      RetractableFunction.of(f); // refuses the functions that cannot take a row back
    }
  }

  /** The column holding each input row's kind: the last. */
  public int rowKindColumn() {
    return inputSchema.size() - 1;
  }

  /** The functions in their retractable form. */
  List<RetractableFunction> retractable() {
    return functions.stream().map(RetractableFunction::of).toList();
  }

  /** The keys' columns of the input, renamed to their output names. */
  StructType keySchema() {
    List<StructField> fields = new ArrayList<>();
    for (int k = 0; k < keyColumns.length; k++) {
      StructField f = inputSchema.field(keyColumns[k]);
      fields.add(new StructField(keyNames.get(k), f.dataType(), f.nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public Operator create() {
    return new RetractingAggregateOperator(this);
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  /** Keys, then one result column per function. */
  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>(keySchema().fields());
    for (int i = 0; i < functions.size(); i++) {
      AggregateFunction f = functions.get(i);
      fields.add(new StructField(functionNames.get(i), f.resultType(), f.nullable()));
    }
    return new StructType(fields);
  }

  /** For example {@code RetractingAggregate(keys=[category], functions=[avg(final)], outputMode=Update)}. */
  @Override
  public String explain() {
    String fns = functions.stream().map(AggregateFunction::sql).collect(Collectors.joining(", "));
    String mode = outputMode.name().charAt(0) + outputMode.name().substring(1).toLowerCase(Locale.ROOT);
    return "RetractingAggregate(keys=[" + String.join(", ", keyNames) + "], functions=[" + fns + "], outputMode="
        + mode + ")";
  }
}
