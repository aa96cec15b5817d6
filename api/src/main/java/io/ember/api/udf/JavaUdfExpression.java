package io.ember.api.udf;

import io.ember.api.internal.ExternalRows;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;
import java.util.Locale;

/**
 * A call of a Java UDF: evaluates its arguments over the batch, then calls the function once per row with the
 * arguments' Java values (as {@link io.ember.core.data.ColumnVector#get} gives them: Integer, Long, Double,
 * String, Boolean, BigDecimal, LocalDate, Instant, List, Row; null for a null input, as Spark passes to Java
 * UDFs) and collects the results into a column of {@code returnType}. A result that is not a value of that type
 * (a Long for INT, say), or an exception from the function, fails with Spark's {@code FAILED_EXECUTE_UDF}
 * naming the function and carrying the cause.
 */
record JavaUdfExpression(String name, JavaFunction function, DataType returnType, boolean deterministicFunction,
    List<Expression> children) implements Expression {
  JavaUdfExpression {
    children = List.copyOf(children);
  }

  @Override
  public DataType dataType() {
    return returnType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new JavaUdfExpression(name, function, returnType, deterministicFunction, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector[] argVectors = new ColumnVector[children.size()];
    for (int i = 0; i < argVectors.length; i++) {
      argVectors[i] = children.get(i).evaluate(input, context);
    }
    int rows = input.numRows();
    VectorBuilder out = VectorBuilder.forType(returnType, rows);
    Object[] args = new Object[argVectors.length];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < args.length; i++) {
        args[i] = argVectors[i].isNull(r) ? null : argVectors[i].get(r);
      }
      Object result;
      try {
        result = function.call(args);
      } catch (Exception e) {
        throw failed(e.getClass().getName() + (e.getMessage() != null ? ": " + e.getMessage() : ""), e);
      }
      try {
        out.append(ExternalRows.convertValue(result, returnType, "the result of `" + name + "`"));
      } catch (EmberException e) {
        throw failed("it returned " + result + " of Java type " + result.getClass().getName() + ", which is not a"
            + " value of its declared return type " + returnType.simpleString().toUpperCase(Locale.ROOT) + " ("
            + e.getMessage() + ")", e);
      }
    }
    return out.build();
  }

  private EmberRuntimeException failed(String why, Exception cause) {
    return new EmberRuntimeException("FAILED_EXECUTE_UDF", "User defined function (`" + name + "`) failed due to: "
        + why + ".", cause);
  }

  @Override
  public boolean deterministic() {
    return deterministicFunction && Expression.super.deterministic();
  }

  /** Never folded at planning time, even over literals: as in Spark, a UDF runs only when rows reach it. */
  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < children.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(children.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
