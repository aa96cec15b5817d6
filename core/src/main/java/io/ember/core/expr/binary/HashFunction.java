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
 * A call of a hash function ({@link HashKind}) by the name the query used ({@code sha} or {@code sha1}, ...), which
 * is also how {@link #sql()} renders it. The first argument is binary or string (its UTF-8 bytes); {@code sha2} has
 * an int bit length as its second. The builders in {@link BinaryFunctions} check and coerce the arguments. A null
 * argument gives a null row.
 */
public record HashFunction(String name, HashKind kind, List<Expression> args) implements Expression {
  /** Keeps {@code args} as an immutable copy, so a call that travels in a plan comes back encoding alike. */
  public HashFunction {
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
    return new HashFunction(name, kind, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    int n = input.numRows();
    ColumnVector bytes = args.get(0).evaluate(input, context);
    ColumnVector bits = args.size() > 1 ? args.get(1).evaluate(input, context) : null;
    VectorBuilder out = VectorBuilder.forType(kind.resultType(), n);
    for (int i = 0; i < n; i++) {
      if (bytes.isNull(i) || (bits != null && bits.isNull(i))) {
        out.append(null);
      } else {
        Long bitLength = bits == null ? null : (Long) BinaryKind.value(bits, i);
        out.append(kind.apply((byte[]) BinaryKind.value(bytes, i), bitLength));
      }
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
