package io.ember.operators.join;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.types.BooleanType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What the specs of two-input joins share, batch ({@link HashJoinSpec}) and streaming: the checks of their
 * equi keys and condition, the joined and output schemas, and the text of a key list in {@code explain()}.
 */
public final class JoinSpecs {
  private JoinSpecs() {}

  /**
   * Checks that there are as many left keys as right keys, that paired keys have the same type, and that the
   * condition, if any, is a boolean.
   *
   * @throws IllegalArgumentException when the key counts differ
   * @throws AnalysisException when paired keys differ in type or the condition is not a boolean
   */
  public static void checkKeysAndCondition(List<Expression> leftKeys, List<Expression> rightKeys,
      Expression condition) {
    if (leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException(
          "A join needs as many left keys as right keys, got " + leftKeys.size() + " and " + rightKeys.size());
    }
    for (int i = 0; i < leftKeys.size(); i++) {
      Expression l = leftKeys.get(i);
      Expression r = rightKeys.get(i);
      if (!l.dataType().equals(r.dataType())) {
        throw AnalysisException.typeMismatch("(" + l.sql() + " = " + r.sql() + ")",
            "the join keys have different types (\"" + l.dataType().simpleString() + "\" and \""
                + r.dataType().simpleString() + "\"); cast one side to the other's type.");
      }
    }
    if (condition != null && !(condition.dataType() instanceof BooleanType)
        && !(condition.dataType() instanceof NullType)) {
      throw AnalysisException.typeMismatch(
          condition.sql(), "the join condition must be a boolean, not \"" + condition.dataType().simpleString() + "\".");
    }
  }

  /** The schema of the joined row a join condition reads: left fields then right fields. */
  public static StructType joinedSchema(StructType leftSchema, StructType rightSchema) {
    List<StructField> fields = new ArrayList<>(leftSchema.fields());
    fields.addAll(rightSchema.fields());
    return new StructType(fields);
  }

  /**
   * The output of a join: the left columns then the right columns (none for semi and anti joins), a side's
   * fields nullable when the other side is preserved.
   */
  public static StructType outputSchema(JoinType joinType, StructType leftSchema, StructType rightSchema) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : leftSchema.fields()) {
      fields.add(joinType.preservesRight() ? f.withNullable(true) : f);
    }
    if (!joinType.leftColumnsOnly()) {
      for (StructField f : rightSchema.fields()) {
        fields.add(joinType.preservesLeft() ? f.withNullable(true) : f);
      }
    }
    return new StructType(fields);
  }

  /** The keys' SQL as {@code explain()} shows them: {@code [a, b]}. */
  public static String keyList(List<Expression> keys) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    keys.forEach(k -> j.add(k.sql()));
    return j.toString();
  }
}
