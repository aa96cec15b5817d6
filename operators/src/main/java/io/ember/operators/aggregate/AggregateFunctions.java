package io.ember.operators.aggregate;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Cast;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The aggregate functions by Spark's names, for the analyzer. Names are case-insensitive:
 * {@code count, sum, avg, mean, min, max, first, first_value, last, last_value, collect_list,
 * collect_set, stddev, std, stddev_samp, stddev_pop, variance, var_samp, var_pop,
 * approx_count_distinct, count_distinct, countdistinct, bool_and, every, bool_or, some, any, count_if}.
 * {@code bool_and}/{@code every} are {@code min} and {@code bool_or}/{@code some}/{@code any} {@code max} of a
 * boolean, {@code count_if(c)} is {@code count(nullif(c, false))}, as Spark defines them. {@code countDistinct(a, b)} is
 * {@code count(DISTINCT a, b)}. String arguments of the numeric functions ({@code sum}, {@code avg},
 * the variance family) are cast to double, as Spark's implicit coercion does (malformed strings then fail
 * under ANSI mode and become null otherwise).
 */
public final class AggregateFunctions {
  private static final Set<String> NAMES = Set.of("count", "sum", "avg", "mean", "min", "max", "first",
      "first_value", "last", "last_value", "collect_list", "collect_set", "stddev", "std", "stddev_samp",
      "stddev_pop", "variance", "var_samp", "var_pop", "approx_count_distinct", "count_distinct", "countdistinct",
      "bool_and", "every", "bool_or", "some", "any", "count_if");

  private AggregateFunctions() {}

  public static boolean isAggregate(String name) {
    return NAMES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Spark's {@code count(*)}, which it shows as {@code count(1)}. */
  public static AggregateFunction countStar() {
    return new CountFunction(List.of(new Literal(1, DataTypes.INTEGER)));
  }

  /**
   * Builds {@code name(args)}, or {@code name(DISTINCT args)} when {@code distinct}.
   *
   * @throws AnalysisException {@code UNRESOLVED_ROUTINE} for a name that is not an aggregate,
   *     {@code WRONG_NUM_ARGS} for a bad argument count, {@code DATATYPE_MISMATCH} for bad argument types
   */
  public static AggregateFunction build(String name, List<Expression> args, boolean distinct) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("count_distinct") || n.equals("countdistinct")) {
      return build("count", args, true);
    }
    AggregateFunction f = buildPlain(n, args);
    if (!distinct) {
      return f;
    }
    switch (n) {
      case "count", "sum", "avg", "mean" -> {
        return new DistinctFunction(f);
      }
      case "min", "max", "collect_set", "approx_count_distinct" -> {
        return f; // DISTINCT does not change these
      }
      default -> throw new AnalysisException("DISTINCT_UNSUPPORTED",
          "DISTINCT is not supported for the aggregate function `" + n + "`. Supported: count, sum, avg, mean,"
              + " min, max, collect_set, approx_count_distinct.");
    }
  }

  private static AggregateFunction buildPlain(String n, List<Expression> args) {
    switch (n) {
      case "count":
        if (args.isEmpty()) {
          throw FunctionRegistry.wrongNumArgs("count", "> 0", 0);
        }
        return new CountFunction(args);
      case "sum": {
        Expression arg = one(n, args);
        return new SumFunction(DataTypes.isInterval(arg.dataType()) ? arg : numeric(n, arg));
      }
      case "avg", "mean": {
        Expression arg = one(n, args);
        return new AverageFunction(DataTypes.isInterval(arg.dataType()) ? arg : numeric(n, arg));
      }
      case "min", "max":
        return new MinMaxFunction(one(n, args), n.equals("max"));
      case "first", "first_value", "last", "last_value":
        return firstLast(n, args);
      case "collect_list":
        return new CollectListFunction(one(n, args));
      case "collect_set":
        return new CollectSetFunction(one(n, args));
      case "stddev", "std", "stddev_samp":
        return new CentralMomentFunction(numeric(n, one(n, args)), CentralMomentFunction.Kind.STDDEV_SAMP, n);
      case "stddev_pop":
        return new CentralMomentFunction(numeric(n, one(n, args)), CentralMomentFunction.Kind.STDDEV_POP, n);
      case "variance", "var_samp":
        return new CentralMomentFunction(numeric(n, one(n, args)), CentralMomentFunction.Kind.VAR_SAMP, n);
      case "var_pop":
        return new CentralMomentFunction(numeric(n, one(n, args)), CentralMomentFunction.Kind.VAR_POP, n);
      case "approx_count_distinct":
        return approxCountDistinct(args);
      case "bool_and", "every", "bool_or", "some", "any": {
        Expression arg = bool(n, one(n, args));
        boolean or = !n.equals("bool_and") && !n.equals("every");
        return new RenamedFunction(n, List.of(arg), new MinMaxFunction(arg, or));
      }
      case "count_if": {
        Expression cond = bool(n, one(n, args));
        Expression trueOrNull = FunctionRegistry.standard().build("nullif", List.of(cond, new Literal(false,
            DataTypes.BOOLEAN)));
        return new RenamedFunction(n, List.of(cond), new CountFunction(List.of(trueOrNull)));
      }
      default:
        throw new AnalysisException("UNRESOLVED_ROUTINE", "Cannot resolve function `" + n + "` as an aggregate"
            + " function. Aggregate functions: " + String.join(", ", new java.util.TreeSet<>(NAMES)) + ".");
    }
  }

  private static Expression one(String name, List<Expression> args) {
    if (args.size() != 1) {
      throw FunctionRegistry.wrongNumArgs(name, "1", args.size());
    }
    return args.get(0);
  }

  /** A numeric argument; a string is implicitly cast to double, as Spark's type coercion does. */
  private static Expression numeric(String name, Expression e) {
    DataType t = e.dataType();
    if (t instanceof StringType) {
      return new Cast(e, DataTypes.DOUBLE);
    }
    if (!t.isNumeric() && !(t instanceof NullType)) {
      throw ExpressionErrors.typeMismatch(name + "(" + e.sql() + ")",
          "Parameter 1 requires the \"NUMERIC\" type, however \"" + e.sql() + "\" has the type "
              + ExpressionErrors.sqlType(t) + ".");
    }
    return e;
  }

  /** A boolean argument (or NULL); anything else is Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE. */
  private static Expression bool(String name, Expression e) {
    DataType t = e.dataType();
    if (!(t instanceof BooleanType) && !(t instanceof NullType)) {
      throw ExpressionErrors.typeMismatch(name + "(" + e.sql() + ")",
          "Parameter 1 requires the \"BOOLEAN\" type, however \"" + e.sql() + "\" has the type "
              + ExpressionErrors.sqlType(t) + ".");
    }
    return e;
  }

  private static AggregateFunction firstLast(String n, List<Expression> args) {
    if (args.isEmpty() || args.size() > 2) {
      throw FunctionRegistry.wrongNumArgs(n, "[1, 2]", args.size());
    }
    boolean ignoreNulls = false;
    if (args.size() == 2) {
      Expression flag = args.get(1);
      if (!(flag instanceof Literal lit) || !(lit.dataType() instanceof BooleanType) || lit.value() == null) {
        throw ExpressionErrors.typeMismatch(n + "(" + args.get(0).sql() + ", " + flag.sql() + ")",
            "The second parameter `ignoreNulls` must be a constant \"BOOLEAN\", however it is " + flag.sql() + ".");
      }
      ignoreNulls = (Boolean) lit.value();
    }
    return new FirstLastFunction(args.get(0), n.startsWith("last"), ignoreNulls);
  }

  private static AggregateFunction approxCountDistinct(List<Expression> args) {
    String n = "approx_count_distinct";
    if (args.isEmpty() || args.size() > 2) {
      throw FunctionRegistry.wrongNumArgs(n, "[1, 2]", args.size());
    }
    double rsd = ApproxCountDistinctFunction.DEFAULT_RSD;
    if (args.size() == 2) {
      Expression e = args.get(1);
      if (!(e instanceof Literal lit) || !(lit.value() instanceof Number num)) {
        throw ExpressionErrors.typeMismatch(n + "(" + args.get(0).sql() + ", " + e.sql() + ")",
            "The second parameter `rsd` must be a numeric constant, however it is " + e.sql() + ".");
      }
      rsd = num.doubleValue();
    }
    if (!(rsd > 0) || ApproxCountDistinctFunction.precision(rsd) < 4) {
      throw new AnalysisException("INVALID_PARAMETER_VALUE", "The value of parameter `rsd` in `" + n
          + "` is invalid: " + rsd + ". HLL++ requires at least 4 bits for addressing; use a relative standard"
          + " deviation of at most 0.39.");
    }
    return new ApproxCountDistinctFunction(args.get(0), rsd);
  }
}
