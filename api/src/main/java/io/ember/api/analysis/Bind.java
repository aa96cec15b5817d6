package io.ember.api.analysis;

import io.ember.api.logical.Op;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import java.util.List;

/** Builds the bound expression of a built-in operator through core's {@link Expressions} factory. */
final class Bind {
  private Bind() {}

  static Expression operator(Op op, List<Expression> a) {
    return switch (op) {
      case ADD -> Expressions.add(a.get(0), a.get(1));
      case SUBTRACT -> Expressions.subtract(a.get(0), a.get(1));
      case MULTIPLY -> Expressions.multiply(a.get(0), a.get(1));
      case DIVIDE -> Expressions.divide(a.get(0), a.get(1));
      case REMAINDER -> Expressions.remainder(a.get(0), a.get(1));
      case EQUAL -> Expressions.equalTo(a.get(0), a.get(1));
      case NOT_EQUAL -> Expressions.notEqual(a.get(0), a.get(1));
      case LESS_THAN -> Expressions.lessThan(a.get(0), a.get(1));
      case LESS_THAN_OR_EQUAL -> Expressions.lessThanOrEqual(a.get(0), a.get(1));
      case GREATER_THAN -> Expressions.greaterThan(a.get(0), a.get(1));
      case GREATER_THAN_OR_EQUAL -> Expressions.greaterThanOrEqual(a.get(0), a.get(1));
      case NULL_SAFE_EQUAL -> Expressions.nullSafeEqual(a.get(0), a.get(1));
      case AND -> Expressions.and(a.get(0), a.get(1));
      case OR -> Expressions.or(a.get(0), a.get(1));
      case NOT -> Expressions.not(a.get(0));
      case NEGATE -> Expressions.negate(a.get(0));
      case IS_NULL -> Expressions.isNull(a.get(0));
      case IS_NOT_NULL -> Expressions.isNotNull(a.get(0));
      case IN -> Expressions.in(a.get(0), a.subList(1, a.size()));
      case BETWEEN -> Expressions.between(a.get(0), a.get(1), a.get(2));
      case EXTRACT_VALUE -> ExtractValues.extract(a.get(0), a.get(1), false);
    };
  }
}
