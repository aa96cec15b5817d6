package io.ember.api.analysis;

import io.ember.core.expr.Expression;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One aggregate function call of a resolved {@link ResolvedPlan.Aggregate}: Spark's function name, its
 * arguments bound to the aggregate's input ({@code count(*)} has none), whether it is {@code DISTINCT}, the
 * bound function and the name of its result column.
 */
public record AggCall(String functionName, List<Expression> args, boolean distinct, AggregateFunction function,
    String name) {
  public AggCall {
    args = List.copyOf(args);
  }

  /**
   * Binds {@code functionName(args)}.
   *
   * @throws io.ember.core.errors.AnalysisException for an unknown function or bad arguments
   */
  public static AggCall of(String functionName, List<Expression> args, boolean distinct, String name) {
    AggregateFunction fn = args.isEmpty() && functionName.equalsIgnoreCase("count")
        ? AggregateFunctions.countStar() : AggregateFunctions.build(functionName, coerce(functionName, args), distinct);
    return new AggCall(functionName, args, distinct, fn, name);
  }

  private static final java.util.Set<String> NUMERIC_INPUT = java.util.Set.of("sum", "avg", "mean", "stddev", "std",
      "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop");

  /** Strings summed or averaged are read as doubles, as Spark's implicit cast does. */
  private static List<Expression> coerce(String functionName, List<Expression> args) {
    if (args.size() != 1 || !NUMERIC_INPUT.contains(functionName.toLowerCase(java.util.Locale.ROOT))
        || !(args.get(0).dataType() instanceof io.ember.core.types.StringType)) {
      return args;
    }
    return List.of(io.ember.core.expr.Expressions.cast(args.get(0), io.ember.core.types.DataTypes.DOUBLE));
  }

  /** The same call with every argument rewritten by {@code f}. */
  public AggCall mapArgs(UnaryOperator<Expression> f) {
    List<Expression> out = new ArrayList<>(args.size());
    for (Expression a : args) {
      out.add(f.apply(a));
    }
    return out.equals(args) ? this : of(functionName, out, distinct, name);
  }

  public String sql() {
    return function.sql();
  }

  /** True when both compute the same thing. */
  public boolean sameAs(AggCall other) {
    return functionName.equalsIgnoreCase(other.functionName) && args.equals(other.args) && distinct == other.distinct;
  }
}
