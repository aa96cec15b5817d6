package io.ember.operators.calc;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import java.util.List;

/** Runs a {@link CalcSpec}. Stateless; reuses one selection buffer across batches. */
final class CalcOperator implements Operator {
  private final Expression predicate;
  private final Expression[] projections;
  private final StructType outputSchema;
  private EvalContext eval;
  private int[] selection = new int[0];

  CalcOperator(CalcSpec spec) {
    this.predicate = spec.predicate();
    List<Expression> p = spec.projections();
    this.projections = p.toArray(new Expression[0]);
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
    Batch selected = predicate == null ? batch : filter(batch);
    if (selected == null) {
      return;
    }
    ColumnVector[] cols = new ColumnVector[projections.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = projections[i].evaluate(selected, eval);
    }
    out.emit(new Batch(outputSchema, cols, selected.numRows()));
  }

  /** The rows where the predicate is true: the batch itself when all are, null when none is. */
  private Batch filter(Batch batch) {
    ColumnVector result = predicate.evaluate(batch, eval);
    if (!(result instanceof BooleanVector bools)) {
      return null; // the null type: every row is null, so none passes
    }
    int n = batch.numRows();
    if (selection.length < n) {
      selection = new int[n];
    }
    boolean[] values = bools.values();
    boolean[] nulls = bools.nullMask();
    int count = 0;
    if (nulls == null) {
      for (int r = 0; r < n; r++) {
        if (values[r]) {
          selection[count++] = r;
        }
      }
    } else {
      for (int r = 0; r < n; r++) {
        if (values[r] && !nulls[r]) {
          selection[count++] = r;
        }
      }
    }
    if (count == 0) {
      return null;
    }
    return count == n ? batch : batch.take(selection, count);
  }
}
