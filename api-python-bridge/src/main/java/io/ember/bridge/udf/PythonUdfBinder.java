package io.ember.bridge.udf;

import io.ember.api.logical.UserFunctionBinder;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;

/** Binds a {@link io.ember.api.logical.LogicalExpr.UserFunction} of a Python function to a {@link PythonUdfExpression}. */
public record PythonUdfBinder(PythonFunction function, PythonWorkerPool pool) implements UserFunctionBinder {
  @Override
  public Expression bind(List<Expression> args) {
    return new PythonUdfExpression(function, args, pool);
  }

  @Override
  public DataType returnType() {
    return function.returnType();
  }
}
