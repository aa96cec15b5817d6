package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import java.util.List;

/**
 * {@code current_date()} (a date, {@code dataType} DATE) or {@code current_timestamp()} (TIMESTAMP):
 * the query's start ({@link EvalContext#queryStartMicros()}), the date taken in the session zone. Every
 * row and every batch of one query sees the same value, as in Spark. Not {@link #deterministic()}, so a
 * plan-time folder does not replace it with the value of the planning context; fold it with the
 * query's own context via {@link #valueIn(EvalContext)}.
 */
public record CurrentDateTime(DataType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return this;
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  /** The value in {@code context}: days since the epoch for a date, microseconds for a timestamp. */
  public long valueIn(EvalContext context) {
    long start = context.queryStartMicros();
    return dataType instanceof DateType ? DateTimeMath.toDays(start, context.zone()) : start;
  }

  /** This value in {@code context} as a literal. */
  public Literal toLiteral(EvalContext context) {
    long v = valueIn(context);
    Object value = dataType instanceof DateType
        ? java.time.LocalDate.ofEpochDay(v) : DateTimeMath.instant(v);
    return new Literal(value, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return toLiteral(context).repeat(input.numRows());
  }

  @Override
  public String sql() {
    return dataType instanceof DateType ? "current_date()" : "current_timestamp()";
  }
}
