package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.ValueFormat;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * The implicit cast of an atomic value to string that Spark inserts for string functions
 * ({@code upper(1)} is {@code upper(CAST(1 AS STRING))}). Renders values as Spark's cast does:
 * timestamps in the session zone, doubles as {@code 1.0E10}, decimals in plain notation. Never fails.
 * Its {@link #sql()} is the child's, so generated column names read as in Spark.
 */
public record AsString(Expression child) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.STRING;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new AsString(newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector in = child.evaluate(input, context);
    if (in instanceof StringVector) {
      return in;
    }
    int n = input.numRows();
    VectorBuilder.Strings out = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    for (int i = 0; i < n; i++) {
      Object v = in.get(i);
      if (v == null) {
        out.appendNull();
      } else {
        out.appendString(ValueFormat.toDisplayString(v, context.zone()));
      }
    }
    return out.build();
  }

  @Override
  public String sql() {
    return child.sql();
  }
}
