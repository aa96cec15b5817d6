package io.ember.api.udf;

import io.ember.api.logical.UserFunctionBinder;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.types.DataType;
import java.util.List;

/** Binds a call of a Java UDF of {@code function.arity()} arguments to a {@link JavaUdfExpression}. */
record JavaUdfBinder(String name, JavaFunction function, DataType returnType, boolean deterministic)
    implements UserFunctionBinder {
  /**
   * @throws io.ember.core.errors.AnalysisException Spark's {@code WRONG_NUM_ARGS} when the call does not pass
   *     exactly as many arguments as the function takes
   */
  @Override
  public Expression bind(List<Expression> args) {
    if (args.size() != function.arity()) {
      throw FunctionRegistry.wrongNumArgs(name, String.valueOf(function.arity()), args.size());
    }
    return new JavaUdfExpression(name, function, returnType, deterministic, args);
  }
}
