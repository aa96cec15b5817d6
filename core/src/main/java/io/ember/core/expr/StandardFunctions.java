package io.ember.core.expr;

import java.util.List;

/** The function modules that make up {@link FunctionRegistry#standard()}. Add a family's module here. */
final class StandardFunctions {
  static final List<FunctionRegistry.Module> MODULES = List.of(
      new MathFunctions(), new ConditionalFunctions(), new ArrayFunctions(), new MapFunctions(), new StringFunctions(), new DateTimeFunctions(),
      new WindowFunctions(), new io.ember.core.expr.json.JsonFunctions(),
      // after StringFunctions: wraps length and concat for binary arguments
      new io.ember.core.expr.binary.BinaryFunctions());

  private StandardFunctions() {}
}
