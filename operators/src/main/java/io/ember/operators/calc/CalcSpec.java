package io.ember.operators.calc;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.BooleanType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A fused filter and projection, stateless: keeps the rows where {@code predicate} is true (rows where it is
 * false or null are dropped, as SQL's WHERE), then evaluates {@code projections} over them. Both run
 * vectorized: the predicate once per batch, one {@code take} of the selected rows, then each projection once.
 *
 * @param inputSchema the schema of the input batches
 * @param predicate a boolean expression over the input, or null to keep every row
 * @param projections the output columns, evaluated over the selected input rows
 * @param names the output column names, one per projection
 */
public record CalcSpec(StructType inputSchema, Expression predicate, List<Expression> projections, List<String> names)
    implements OperatorSpec {
  public CalcSpec {
    projections = List.copyOf(projections);
    names = List.copyOf(names);
    if (projections.size() != names.size()) {
      throw new EmberIllegalArgumentException(
          "INTERNAL_ERROR", "Calc has " + projections.size() + " projections but " + names.size() + " names");
    }
    if (predicate != null
        && !(predicate.dataType() instanceof BooleanType)
        && !(predicate.dataType() instanceof NullType)) {
      throw new EmberIllegalArgumentException(
          "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN",
          "Filter expression '" + predicate.sql() + "' of type " + predicate.dataType().simpleString()
              + " is not a boolean.");
    }
  }

  /** A filter that keeps every input column. */
  public static CalcSpec filter(StructType inputSchema, Expression predicate) {
    List<Expression> refs = new ArrayList<>(inputSchema.size());
    for (int i = 0; i < inputSchema.size(); i++) {
      StructField f = inputSchema.field(i);
      refs.add(new ColumnRef(i, f.name(), f.dataType(), f.nullable()));
    }
    return new CalcSpec(inputSchema, predicate, refs, inputSchema.fieldNames());
  }

  /** A projection without a filter. */
  public static CalcSpec project(StructType inputSchema, List<Expression> projections, List<String> names) {
    return new CalcSpec(inputSchema, null, projections, names);
  }

  @Override
  public Operator create() {
    return new CalcOperator(this);
  }

  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>(projections.size());
    for (int i = 0; i < projections.size(); i++) {
      Expression e = projections.get(i);
      fields.add(new StructField(names.get(i), e.dataType(), e.nullable()));
    }
    return new StructType(fields);
  }

  @Override
  public String explain() {
    StringJoiner cols = new StringJoiner(", ", "[", "]");
    for (int i = 0; i < projections.size(); i++) {
      String sql = projections.get(i).sql();
      cols.add(sql.equals(names.get(i)) ? sql : sql + " AS " + names.get(i));
    }
    return predicate == null ? "Project(" + cols + ")" : "Calc(filter=" + predicate.sql() + ", project=" + cols + ")";
  }
}
