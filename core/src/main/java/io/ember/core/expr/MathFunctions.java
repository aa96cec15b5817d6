package io.ember.core.expr;

/** Registers the math functions of {@link FunctionRegistry#standard()}. */
public final class MathFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    // Filled in as the family's functions are written.
  }
}
