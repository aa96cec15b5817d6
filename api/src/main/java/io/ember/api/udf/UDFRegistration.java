package io.ember.api.udf;

import io.ember.core.types.DataType;

/**
 * A session's registration of user-defined functions by name, as Spark's {@code spark.udf()}: a registered
 * function is a temporary function of the session (not of {@link io.ember.api.Session#newSession() new
 * sessions}), called by name in {@code spark.sql}, {@code functions.expr}, {@code selectExpr},
 * {@code filter(String)} and {@code functions.call_udf}. Names are case-insensitive; registering a name again
 * replaces the function, for DataFrames built afterwards.
 *
 * <p>A registered name takes precedence over a built-in scalar function of the same name in every call by name
 * (Spark's session function registry holds both, the registered one replacing the built-in); the DataFrame
 * API's {@code functions.upper(..)} and the like are calls by name too, so they call the registered function
 * as well. Names of built-in aggregate, window and generator functions cannot be registered.
 *
 * <p>Java functions ({@link UDF0} .. {@link UDF10}) receive their arguments as the Java values of the argument
 * columns: Integer, Long, Double, String, Boolean, BigDecimal, {@code java.time.LocalDate} for dates,
 * {@code java.time.Instant} for timestamps, {@code List} for arrays, {@link io.ember.core.data.Row} for structs,
 * and null for a null input (as Spark passes to Java UDFs, whose argument types it cannot see: no implicit
 * cast either, so a {@code UDF1<Integer, ..>} called on a BIGINT column fails with {@code FAILED_EXECUTE_UDF}).
 * The result must be a value of the declared return type (java.sql.Date and Timestamp are accepted too).
 *
 * <pre>{@code
 * spark.udf().register("str_len", (UDF1<String, Integer>) s -> s == null ? -1 : s.length(), DataTypes.INTEGER);
 * spark.sql("SELECT name, str_len(name) FROM people WHERE str_len(name) > 3");
 * spark.table("people").select(call_udf("str_len", col("name")));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class UDFRegistration {
  private final SessionFunctions functions;

  public UDFRegistration(SessionFunctions functions) {
    this.functions = functions;
  }

  /**
   * Registers {@code udf} as {@code name}, replacing any function registered under that name; returns it named
   * {@code name}.
   *
   * @throws io.ember.core.errors.EmberIllegalArgumentException {@code INVALID_UDF_NAME} for an empty name or the
   *     name of a built-in aggregate, window or generator function
   */
  public UserDefinedFunction register(String name, UserDefinedFunction udf) {
    UserDefinedFunction named = udf.withName(name);
    functions.register(name, named);
    return named;
  }

  /** Registers the Java function {@code f} of 0 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF0<?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 1 argument as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF1<?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 2 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF2<?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 3 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF3<?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 4 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF4<?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 5 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF5<?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 6 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF6<?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 7 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF7<?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 8 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF8<?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 9 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF9<?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }

  /** Registers the Java function {@code f} of 10 arguments as {@code name}; see {@link #register(String, UserDefinedFunction)}. */
  public UserDefinedFunction register(String name, UDF10<?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(f, returnType));
  }
}
