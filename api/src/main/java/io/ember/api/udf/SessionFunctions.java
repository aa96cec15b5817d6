package io.ember.api.udf;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.UserFunctionBinder;
import io.ember.api.logical.UserFunctions;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.operators.aggregate.AggregateFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions one session registered ({@link UDFRegistration}), by lower-case name: the
 * {@link UserFunctions} its queries are analyzed with. Thread-safe.
 */
public final class SessionFunctions implements UserFunctions {
  /** The built-in generators: the analyzer plans them as generate steps by these names. */
  private static final Set<String> GENERATORS = Set.of("explode", "explode_outer");

  private final Map<String, UserDefinedFunction> byName = new ConcurrentHashMap<>();

  /**
   * Registers {@code udf} as {@code name}, replacing the function registered under that name.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_UDF_NAME} for a blank name or the name of a built-in
   *     aggregate, window or generator function (which the analyzer recognizes by name before any lookup)
   */
  public void register(String name, UserDefinedFunction udf) {
    if (name == null || name.isBlank()) {
      throw new EmberIllegalArgumentException("INVALID_UDF_NAME", "A user-defined function needs a name, got '"
          + name + "'.");
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (AggregateFunctions.isAggregate(key) || LogicalExpr.WINDOW_ONLY.contains(key) || GENERATORS.contains(key)) {
      throw new EmberIllegalArgumentException("INVALID_UDF_NAME", "Cannot register a user-defined function as `"
          + name + "`: it is the name of a built-in aggregate, window or generator function. Choose another name.");
    }
    byName.put(key, udf);
  }

  /** The function registered as {@code name} (any case), or null. */
  public UserDefinedFunction get(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  /** Removes the function registered as {@code name}; true when there was one. */
  public boolean drop(String name) {
    return byName.remove(name.toLowerCase(Locale.ROOT)) != null;
  }

  @Override
  public UserFunctionBinder lookup(String name) {
    UserDefinedFunction udf = get(name);
    return udf == null ? null : udf.binder(udf.name());
  }

  @Override
  public List<String> names() {
    List<String> out = new ArrayList<>(byName.keySet());
    out.sort(null);
    return out;
  }
}
