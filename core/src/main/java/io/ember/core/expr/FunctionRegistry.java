package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scalar functions by Spark's name ({@code upper}, {@code date_add}, ...), each a {@link Builder} that
 * checks its resolved arguments and returns the bound {@link Expression}. The analyzer (DataFrame
 * {@code functions} and, later, SQL) resolves every call through one registry, so both accept the same
 * names with the same checks. Names are case-insensitive.
 *
 * <p>Thread-safe for reads once populated; {@link #standard()} returns the shared, fully populated
 * registry.
 */
public final class FunctionRegistry {
  /** Makes a function's expression from resolved arguments. */
  @FunctionalInterface
  public interface Builder {
    /**
     * @throws AnalysisException when the number or types of {@code args} do not fit, with Spark's
     *     {@code WRONG_NUM_ARGS} or {@code DATATYPE_MISMATCH} error class
     */
    Expression build(List<Expression> args);
  }

  /** Contributes functions to a registry (one per family: math, string, date/time, ...). */
  public interface Module {
    void registerAll(FunctionRegistry registry);
  }

  private final Map<String, Builder> builders = new TreeMap<>();

  /** Adds {@code name}; a later registration of the same name replaces the earlier one. */
  public FunctionRegistry register(String name, Builder builder) {
    builders.put(name.toLowerCase(Locale.ROOT), builder);
    return this;
  }

  /**
   * The builder registered as {@code name}, or null. A module registered later may wrap it to take over some
   * argument types and leave the others to it.
   */
  public Builder lookup(String name) {
    return builders.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean contains(String name) {
    return builders.containsKey(name.toLowerCase(Locale.ROOT));
  }

  public List<String> names() {
    return new ArrayList<>(builders.keySet());
  }

  /**
   * Builds the call {@code name(args)}.
   *
   * @throws AnalysisException {@code UNRESOLVED_ROUTINE} for an unknown name (suggesting the closest),
   *     or the builder's error for bad arguments
   */
  public Expression build(String name, List<Expression> args) {
    Builder b = builders.get(name.toLowerCase(Locale.ROOT));
    if (b == null) {
      String closest = Suggestions.closest(name, names());
      throw new AnalysisException(
          "UNRESOLVED_ROUTINE",
          "Cannot resolve function `" + name + "`." + (closest != null ? " Did you mean `" + closest + "`?" : ""));
    }
    return b.build(args);
  }

  /** Spark's {@code WRONG_NUM_ARGS} error. */
  public static AnalysisException wrongNumArgs(String name, String expected, int actual) {
    return new AnalysisException(
        "WRONG_NUM_ARGS",
        "The `" + name + "` requires " + expected + " parameters but the actual number is " + actual + ".");
  }

  private static volatile FunctionRegistry standard;

  /**
   * The registry with every built-in scalar function. Built on first use from the modules listed in
   * {@link StandardFunctions}.
   */
  public static FunctionRegistry standard() {
    FunctionRegistry r = standard;
    if (r == null) {
      synchronized (FunctionRegistry.class) {
        r = standard;
        if (r == null) {
          r = new FunctionRegistry();
          for (Module m : StandardFunctions.MODULES) {
            m.registerAll(r);
          }
          standard = r;
        }
      }
    }
    return r;
  }
}
