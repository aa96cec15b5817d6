package io.ember.operators.stream.aggregate;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AverageFunction;
import io.ember.operators.aggregate.CountFunction;
import io.ember.operators.aggregate.RenamedFunction;
import io.ember.operators.aggregate.SumFunction;
import java.util.List;

/**
 * An aggregate function of a {@link RetractingAggregateSpec}: one whose state can take a row back as well as add
 * it. Its state per group is the number of non-null inputs and, for {@code sum} and {@code avg}, their sum: a
 * {@code bigint} for {@code int} and {@code bigint} inputs (exact, so that a value added and taken back leaves no
 * trace), a {@code double} for {@code double} inputs. Results are Spark's: {@code count} the count, {@code sum} the
 * sum ({@code null} when no non-null input remains), {@code avg} the sum divided by the count as a {@code double}
 * ({@code null} likewise).
 *
 * <p>{@code min}, {@code max} and the other functions cannot subtract a value, and decimals and intervals are not
 * supported yet: {@link #of} refuses them.
 *
 * @param kind what the function computes
 * @param inputs its inputs, bound to the aggregate's input; for sum and avg cast to the sum's type
 * @param resultType the result's type, as the original function's
 * @param floating true when the sum is a {@code double}
 */
record RetractableFunction(Kind kind, List<Expression> inputs, DataType resultType, boolean floating) {
  /** The functions that can retract. */
  enum Kind { COUNT, SUM, AVG }

  /**
   * The retractable form of {@code f}.
   *
   * @throws AnalysisException {@code STREAMING_RETRACTION_UNSUPPORTED_FUNCTION} for a function that cannot take a
   *     row back
   */
  static RetractableFunction of(AggregateFunction f) {
    AggregateFunction fn = f instanceof RenamedFunction r ? r.delegate() : f;
    if (fn instanceof CountFunction c) {
      return new RetractableFunction(Kind.COUNT, c.inputs(), f.resultType(), false);
    }
    if (fn instanceof SumFunction s && numeric(s.input().dataType())) {
      return numericFunction(Kind.SUM, s.input(), f.resultType());
    }
    if (fn instanceof AverageFunction a && numeric(a.input().dataType())) {
      return numericFunction(Kind.AVG, a.input(), f.resultType());
    }
    throw new AnalysisException("STREAMING_RETRACTION_UNSUPPORTED_FUNCTION", "The aggregate function " + f.sql()
        + " cannot read the output of a streaming aggregation in update or complete output mode: each epoch takes"
        + " back the rows that aggregation emitted before, and " + f.sql() + " cannot take a value back. Use count,"
        + " sum or avg over int, bigint or double columns, or aggregate in one step.");
  }

  private static boolean numeric(DataType t) {
    return t instanceof IntegerType || t instanceof LongType || t instanceof DoubleType;
  }

  private static RetractableFunction numericFunction(Kind kind, Expression input, DataType resultType) {
    boolean floating = input.dataType() instanceof DoubleType;
    DataType sumType = floating ? DataTypes.DOUBLE : DataTypes.LONG;
    Expression summed = input.dataType().equals(sumType) ? input : Expressions.cast(input, sumType);
    return new RetractableFunction(kind, List.of(summed), resultType, floating);
  }

  /** True when the state holds a sum besides the count. */
  boolean hasSum() {
    return kind != Kind.COUNT;
  }
}
