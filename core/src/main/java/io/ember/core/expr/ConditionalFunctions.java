package io.ember.core.expr;

/** Registers the conditional functions of {@link FunctionRegistry#standard()}. */
public final class ConditionalFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    // Filled in as the family's functions are written.
  }
}
