package io.ember.api.logical;

import java.util.List;

/**
 * The functions a session registered by name (Spark's temporary functions, {@code spark.udf().register}),
 * which the analyzer consults for every call by name ({@link LogicalExpr.Call}) before the built-in functions:
 * a registered name takes precedence over a built-in scalar function of the same name, as in Spark's session
 * function registry. Names are case-insensitive. Implementations are thread-safe.
 */
public interface UserFunctions {
  /** The binder of the function registered as {@code name} (any case), or null when there is none. */
  UserFunctionBinder lookup(String name);

  /** The registered names, lower case (for suggestions in errors). */
  List<String> names();

  /** No registered functions. */
  UserFunctions NONE = new UserFunctions() {
    @Override
    public UserFunctionBinder lookup(String name) {
      return null;
    }

    @Override
    public List<String> names() {
      return List.of();
    }
  };
}
