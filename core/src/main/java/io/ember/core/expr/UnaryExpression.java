package io.ember.core.expr;

import java.util.List;

/**
 * An expression over exactly one child. An implementation supplies {@link #child()} (a record component) and
 * {@link #withChild}; {@link #children()} and {@link #withChildren} follow from them.
 */
public interface UnaryExpression extends Expression {
  /** The one input. */
  Expression child();

  /** A copy of this expression over {@code newChild}, every other part unchanged. */
  Expression withChild(Expression newChild);

  @Override
  default List<Expression> children() {
    return List.of(child());
  }

  /** {@link #withChild} of the first of {@code newChildren}. */
  @Override
  default Expression withChildren(List<Expression> newChildren) {
    return withChild(newChildren.get(0));
  }
}
