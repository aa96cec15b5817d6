package io.ember.operators.expand;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Spark's {@code Expand}: every input row is projected once per list of {@code projections}, so a batch of
 * {@code n} rows becomes {@code projections.size()} batches of {@code n} rows, one per projection list, in
 * order. This is how {@code ROLLUP}, {@code CUBE} and {@code GROUPING SETS} are planned: each list keeps the
 * columns of one grouping set, puts a typed null in place of the grouping columns the set leaves out and
 * ends with the set's grouping id, and a hash aggregate above groups by the grouping columns and that id.
 * Stateless.
 *
 * <p>Every list has one expression per output column; the expressions at the same position must have the
 * same type (a null literal of that type where a column is left out). An output column is nullable when
 * any list's expression at its position is.
 *
 * @param inputSchema the schema of the input batches
 * @param projections the projection lists, each evaluated over every input batch; at least one
 * @param names the output column names, one per expression of a list
 */
public record ExpandSpec(StructType inputSchema, List<List<Expression>> projections, List<String> names)
    implements OperatorSpec {
  public ExpandSpec {
    List<List<Expression>> copy = new ArrayList<>();
    for (List<Expression> p : projections) {
      copy.add(List.copyOf(p));
    }
    projections = List.copyOf(copy);
    names = List.copyOf(names);
    if (projections.isEmpty()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Expand needs at least one projection list");
    }
    for (List<Expression> p : projections) {
      if (p.size() != names.size()) {
        throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Expand has a projection list of " + p.size()
            + " expressions for " + names.size() + " names");
      }
      for (int i = 0; i < p.size(); i++) {
        DataType t = p.get(i).dataType();
        DataType first = projections.get(0).get(i).dataType();
        if (!t.equals(first) && !(t instanceof NullType)) {
          throw new EmberIllegalArgumentException("INTERNAL_ERROR", "Expand column " + names.get(i) + " is "
              + first.simpleString() + " in the first projection list but " + t.simpleString() + " in another");
        }
      }
    }
  }

  @Override
  public Operator create() {
    return new ExpandOperator(this);
  }

  @Override
  public StructType outputSchema() {
    List<StructField> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      boolean nullable = false;
      for (List<Expression> p : projections) {
        nullable |= p.get(i).nullable();
      }
      fields.add(new StructField(names.get(i), projections.get(0).get(i).dataType(), nullable));
    }
    return new StructType(fields);
  }

  @Override
  public String explain() {
    StringJoiner lists = new StringJoiner(", ", "[", "]");
    for (List<Expression> p : projections) {
      StringJoiner one = new StringJoiner(", ", "[", "]");
      for (Expression e : p) {
        one.add(e.sql());
      }
      lists.add(one.toString());
    }
    return "Expand(" + lists + ", " + names + ")";
  }
}
