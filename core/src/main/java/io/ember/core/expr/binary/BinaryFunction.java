package io.ember.core.expr.binary;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import java.util.List;
import java.util.StringJoiner;

/**
 * A call of a binary function ({@link BinaryKind}) by the name the query used ({@code length}, {@code octet_length},
 * ...), which is also how {@link #sql()} renders it, as Spark names the column. The builders in
 * {@link BinaryFunctions} check and coerce the arguments. A null argument gives a null row.
 */
public record BinaryFunction(String name, BinaryKind kind, List<Expression> args) implements Expression {
  /** Keeps {@code args} as an immutable copy, so a call that travels in a plan comes back encoding alike. */
  public BinaryFunction {
    args = List.copyOf(args);
  }

  @Override
  public DataType dataType() {
    return kind.resultType();
  }

  @Override
  public boolean nullable() {
    return kind.nullOnValidInput() || args.stream().anyMatch(Expression::nullable);
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new BinaryFunction(name, kind, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    int n = input.numRows();
    ColumnVector[] in = new ColumnVector[args.size()];
    for (int a = 0; a < in.length; a++) {
      in[a] = args.get(a).evaluate(input, context);
    }
    VectorBuilder out = VectorBuilder.forType(kind.resultType(), n);
    Object[] values = new Object[in.length];
    for (int i = 0; i < n; i++) {
      boolean anyNull = false;
      for (int a = 0; a < in.length && !anyNull; a++) {
        anyNull = in[a].isNull(i);
        values[a] = anyNull ? null : BinaryKind.value(in[a], i);
      }
      out.append(anyNull ? null : kind.apply(values));
    }
    return out.build();
  }

  @Override
  public String sql() {
    StringJoiner j = new StringJoiner(", ", name + "(", ")");
    for (Expression a : args) {
      j.add(a.sql());
    }
    return j.toString();
  }
}
