package io.ember.api.logical;

import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/**
 * Binds a {@link LogicalExpr.UserFunction} once its arguments are resolved. Implementations are immutable and
 * thread-safe (the analyzer may call them from any thread, more than once for the same plan).
 */
public interface UserFunctionBinder {
  /**
   * The bound expression for resolved {@code args}; its {@link Expression#dataType()} is {@link #returnType()}.
   *
   * @throws io.ember.core.errors.AnalysisException when the arguments cannot be passed to the function
   */
  Expression bind(List<Expression> args);

  /** The type of the function's result. */
  DataType returnType();
}
