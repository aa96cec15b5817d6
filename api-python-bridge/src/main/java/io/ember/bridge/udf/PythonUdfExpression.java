package io.ember.bridge.udf;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python UDF call: evaluates its arguments over the input batch, sends them to a worker of {@code pool} as
 * one batch and returns the column the function produced. Errors are those of {@link PythonWorkerPool#eval}.
 */
public record PythonUdfExpression(PythonFunction function, List<Expression> children, PythonWorkerPool pool)
    implements Expression {
  public PythonUdfExpression {
    children = List.copyOf(children);
  }

  @Override
  public DataType dataType() {
    return function.returnType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new PythonUdfExpression(function, newChildren, pool);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    List<StructField> fields = new ArrayList<>(children.size());
    ColumnVector[] args = new ColumnVector[children.size()];
    for (int i = 0; i < args.length; i++) {
      Expression c = children.get(i);
      fields.add(new StructField("_" + i, c.dataType(), true));
      args[i] = c.evaluate(input, context);
    }
    return pool.eval(function, new Batch(new StructType(fields), args, input.numRows()));
  }

  @Override
  public boolean deterministic() {
    return function.deterministic() && Expression.super.deterministic();
  }

  /** Never folded at planning time, even over literals: as in Spark, a UDF runs only when rows reach it. */
  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(function.name()).append('(');
    for (int i = 0; i < children.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(children.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
