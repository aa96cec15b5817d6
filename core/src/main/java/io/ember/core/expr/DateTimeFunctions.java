package io.ember.core.expr;

/** Registers the datetime functions of {@link FunctionRegistry#standard()}. */
public final class DateTimeFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    // Filled in as the family's functions are written.
  }
}
