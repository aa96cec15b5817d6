package io.ember.core.expr;

/** Registers the string functions of {@link FunctionRegistry#standard()}. */
public final class StringFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    // Filled in as the family's functions are written.
  }
}
