package io.ember.api.udf;

import io.ember.api.Column;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.UserFunctionBinder;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user-defined function, as Spark's {@code org.apache.spark.sql.expressions.UserDefinedFunction}: call it on
 * columns with {@link #apply}, or register it by name with {@link UDFRegistration#register(String,
 * UserDefinedFunction)} to call it from SQL, {@code expr}, {@code selectExpr} and {@code functions.call_udf}.
 * Made from a Java function ({@link #of}, one overload per {@link UDF0} .. {@link UDF10}) or, for other
 * languages (the Python bridge), from a {@link UserFunctionBinder} ({@link #fromBinder}).
 *
 * <p>Immutable: {@link #withName} and {@link #asNondeterministic} return copies. A deterministic UDF (the
 * default) may be evaluated fewer or more times than it appears in the query, as in Spark; a nondeterministic
 * one is never folded or moved by the optimizer.
 */
public final class UserDefinedFunction {
  private final String name;
  private final JavaFunction function;
  private final DataType returnType;
  private final UserFunctionBinder foreign;
  private final boolean deterministic;

  private UserDefinedFunction(String name, JavaFunction function, DataType returnType, UserFunctionBinder foreign,
      boolean deterministic) {
    this.name = name;
    this.function = function;
    this.returnType = returnType;
    this.foreign = foreign;
    this.deterministic = deterministic;
  }

  /** An unnamed UDF of 0 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF0<?> f, DataType returnType) {
    return java(f, 0, returnType);
  }

  /** An unnamed UDF of 1 argument returning {@code returnType}. */
  public static UserDefinedFunction of(UDF1<?, ?> f, DataType returnType) {
    return java(f, 1, returnType);
  }

  /** An unnamed UDF of 2 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF2<?, ?, ?> f, DataType returnType) {
    return java(f, 2, returnType);
  }

  /** An unnamed UDF of 3 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF3<?, ?, ?, ?> f, DataType returnType) {
    return java(f, 3, returnType);
  }

  /** An unnamed UDF of 4 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF4<?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 4, returnType);
  }

  /** An unnamed UDF of 5 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF5<?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 5, returnType);
  }

  /** An unnamed UDF of 6 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF6<?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 6, returnType);
  }

  /** An unnamed UDF of 7 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF7<?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 7, returnType);
  }

  /** An unnamed UDF of 8 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF8<?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 8, returnType);
  }

  /** An unnamed UDF of 9 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF9<?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 9, returnType);
  }

  /** An unnamed UDF of 10 arguments returning {@code returnType}. */
  public static UserDefinedFunction of(UDF10<?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return java(f, 10, returnType);
  }

  private static UserDefinedFunction java(Object f, int arity, DataType returnType) {
    Objects.requireNonNull(f, "f");
    Objects.requireNonNull(returnType, "returnType");
    return new UserDefinedFunction(null, new JavaFunction(f, arity), returnType, null, true);
  }

  /**
   * A UDF whose calls {@code binder} binds (a function of another language); deterministic unless
   * {@link #asNondeterministic} says otherwise.
   */
  public static UserDefinedFunction fromBinder(String name, UserFunctionBinder binder) {
    Objects.requireNonNull(binder, "binder");
    return new UserDefinedFunction(name, null, binder.returnType(), binder, true);
  }

  /** The name given by {@link #withName} or registration; null for an unnamed UDF. */
  public String name() {
    return name;
  }

  public DataType returnType() {
    return returnType;
  }

  public boolean deterministic() {
    return deterministic;
  }

  /** This UDF named {@code newName} (the name its result columns and errors show). */
  public UserDefinedFunction withName(String newName) {
    return new UserDefinedFunction(newName, function, returnType, foreign, deterministic);
  }

  /** This UDF marked nondeterministic: never folded, deduplicated or moved across operators by the optimizer. */
  public UserDefinedFunction asNondeterministic() {
    return new UserDefinedFunction(name, function, returnType, foreign, false);
  }

  /**
   * A column calling this UDF on {@code args}, named {@code name(args)} ({@code UDF(args)} when unnamed, as in
   * Spark). A wrong number of arguments fails with {@code WRONG_NUM_ARGS} when the DataFrame is built.
   */
  public Column apply(Column... args) {
    List<LogicalExpr> exprs = new ArrayList<>(args.length);
    for (Column c : args) {
      exprs.add(c.expr());
    }
    String shown = name != null ? name : "UDF";
    return new Column(new LogicalExpr.UserFunction(shown, exprs, binder(shown)));
  }

  /** The binder of calls of this UDF under {@code callName} (the name errors and results show). */
  public UserFunctionBinder binder(String callName) {
    if (function != null) {
      return new JavaUdfBinder(callName, function, returnType, deterministic);
    }
    if (deterministic) {
      return foreign;
    }
    return new UserFunctionBinder() {
      @Override
      public Expression bind(List<Expression> args) {
        return new NondeterministicExpression(foreign.bind(args));
      }

      @Override
      public DataType returnType() {
        return foreign.returnType();
      }
    };
  }

  @Override
  public String toString() {
    return "UserDefinedFunction(" + (name != null ? name : "UDF") + ", " + returnType.simpleString()
        + (deterministic ? "" : ", nondeterministic") + ")";
  }
}
