package io.ember.operators.expand;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import java.util.List;

/**
 * Runs an {@link ExpandSpec}: evaluates each projection list over the whole input batch, vectorized, and
 * emits one batch per list. A column the lists pass through unchanged shares the input's vector.
 */
final class ExpandOperator implements Operator {
  private final Expression[][] projections;
  private final StructType outputSchema;
  private EvalContext eval;

  ExpandOperator(ExpandSpec spec) {
    List<List<Expression>> p = spec.projections();
    this.projections = new Expression[p.size()][];
    for (int i = 0; i < projections.length; i++) {
      projections[i] = p.get(i).toArray(new Expression[0]);
    }
    this.outputSchema = spec.outputSchema();
  }

  @Override
  public void open(OperatorContext context) {
    this.eval = context.eval();
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() == 0) {
      return;
    }
    for (Expression[] projection : projections) {
      ColumnVector[] cols = new ColumnVector[projection.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = projection[i].evaluate(batch, eval);
      }
      out.emit(new Batch(outputSchema, cols, batch.numRows()));
    }
  }
}
