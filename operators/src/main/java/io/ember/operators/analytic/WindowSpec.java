package io.ember.operators.analytic;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.sort.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes window functions over one window specification, in batch: buffers its whole input (within the
 * task's memory budget), sorts it by {@code partitionKeys} then {@code orderKeys}, and emits every input row,
 * in that order, followed by one column per function. The planner hash-exchanges the input on the partition
 * keys (gathers it when there are none), so each partition is whole in one task. Not for streams.
 *
 * @param schema the input schema
 * @param partitionKeys expressions over the input; rows with equal values (nulls equal) form a partition
 * @param orderKeys the order within a partition; rows with equal keys are peers
 * @param functions the functions; RANGE frames with offsets need exactly one numeric order key
 * @param names the names of the result columns, one per function
 */
public record WindowSpec(StructType schema, List<Expression> partitionKeys, List<SortKey> orderKeys,
    List<WindowFunction> functions, List<String> names) implements OperatorSpec {
  public WindowSpec {
    partitionKeys = List.copyOf(partitionKeys);
    orderKeys = List.copyOf(orderKeys);
    functions = List.copyOf(functions);
    names = List.copyOf(names);
    if (functions.isEmpty() || functions.size() != names.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "A window needs one name per function, got "
          + functions.size() + " functions and " + names.size() + " names");
    }
    for (WindowFunction f : functions) {
      WindowFrame frame = f instanceof WindowFunction.Aggregate a ? a.frame()
          : f instanceof WindowFunction.NthValue n ? n.frame() : null;
      if (frame != null && !frame.rows() && frame.hasOffsets() && (orderKeys.size() != 1
          || !rangeOrderable(orderKeys.get(0).expression().dataType()))) {
        throw new EmberIllegalArgumentException("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", "A RANGE frame with"
            + " offsets needs exactly one numeric, date or timestamp order key, got " + orderKeys.size() + " for " + f.sql() + ".");
      }
    }
  }

  /** Whether a RANGE frame with offsets can order by a key of type {@code t}: numbers, dates (days), timestamps (µs). */
  public static boolean rangeOrderable(DataType t) {
    return t.isNumeric() || t instanceof DateType || t instanceof TimestampType;
  }

  @Override
  public Operator create() {
    return new WindowOperator(this);
  }

  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>(schema.fields());
    for (int i = 0; i < functions.size(); i++) {
      WindowFunction f = functions.get(i);
      fields.add(DataTypes.field(names.get(i), f.resultType(), f.nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public String explain() {
    return "Window(" + functions.stream().map(WindowFunction::sql).collect(Collectors.joining(", ", "[", "]"))
        + ", partition=" + partitionKeys.stream().map(Expression::sql).collect(Collectors.joining(", ", "[", "]"))
        + ", order=" + orderKeys.stream().map(SortKey::sql).collect(Collectors.joining(", ", "[", "]")) + ")";
  }
}
