package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An aggregate Spark defines by another one (its RuntimeReplaceableAggregate), shown under its own name and
 * arguments: {@code bool_and(b)} computes {@code min(b)}, {@code count_if(c)} computes
 * {@code count(nullif(c, false))}. Everything but {@link #name()} and {@link #sql()} is the delegate's.
 *
 * @param name the function's name, for example {@code bool_and}
 * @param shownArgs the arguments as written, for {@link #sql()}
 * @param delegate the aggregate that computes the result
 */
public record RenamedFunction(String name, List<Expression> shownArgs, AggregateFunction delegate)
    implements AggregateFunction {
  public RenamedFunction {
    shownArgs = List.copyOf(shownArgs);
  }

  @Override
  public List<Expression> inputs() {
    return delegate.inputs();
  }

  @Override
  public DataType resultType() {
    return delegate.resultType();
  }

  @Override
  public boolean nullable() {
    return delegate.nullable();
  }

  @Override
  public List<StructField> stateFields() {
    return delegate.stateFields();
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    return delegate.newAccumulator(context);
  }

  @Override
  public ColumnVector[] evaluateInputs(Batch input, EvalContext context) {
    return delegate.evaluateInputs(input, context);
  }

  @Override
  public String sql() {
    return name + "(" + shownArgs.stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")";
  }
}
