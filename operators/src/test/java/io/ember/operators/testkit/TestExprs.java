package io.ember.operators.testkit;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;

/** Small expression helpers for operator tests. */
public final class TestExprs {
  private TestExprs() {}

  public static ColumnRef col(StructType schema, int index) {
    return new ColumnRef(index, schema.field(index).name(), schema.field(index).dataType(), schema.field(index).nullable());
  }

  public static ColumnRef col(StructType schema, String name) {
    return col(schema, schema.requireIndex(name));
  }

  public static Literal lit(int v) {
    return new Literal(v, DataTypes.INTEGER);
  }

  /** {@code l op r} for op one of = != < <= > >=, through core's coercing factory. */
  public static Expression cmp(String op, Expression l, Expression r) {
    return switch (op) {
      case "=" -> Expressions.equalTo(l, r);
      case "!=" -> Expressions.notEqual(l, r);
      case "<" -> Expressions.lessThan(l, r);
      case "<=" -> Expressions.lessThanOrEqual(l, r);
      case ">" -> Expressions.greaterThan(l, r);
      case ">=" -> Expressions.greaterThanOrEqual(l, r);
      default -> throw new IllegalArgumentException("Unknown comparison " + op);
    };
  }

  public static Expression plus(Expression l, Expression r) {
    return Expressions.add(l, r);
  }
}
