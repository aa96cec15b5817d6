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
        ? AggregateFunctions.countStar() : AggregateFunctions.build(functionName, args, distinct);
    return new AggCall(functionName, args, distinct, fn, name);
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
