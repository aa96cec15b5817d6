package io.ember.core.expr.binary;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.DataType;
import java.util.List;
import java.util.function.Function;

/**
 * A call of a binary or hash function ({@link BinaryKind}, {@link HashKind}) by the name the query used
 * ({@code length} or {@code octet_length}, {@code sha} or {@code sha1}, ...), which is also how {@link #sql()} renders
 * it, as Spark names the column. The builders in {@link BinaryFunctions} check and coerce the arguments. A null
 * argument gives a null row.
 */
public record BinaryFunction(String name, Kind kind, List<Expression> args) implements Expression {
  /**
   * What a {@link BinaryFunction} computes, row by row. Each row's non-null argument values are given as
   * {@link BinaryKind#value} reads them: the bytes of a string or binary value as they are stored, numbers as
   * {@code Long}s.
   */
  public sealed interface Kind permits BinaryKind, HashKind {
    /** The type of the results. */
    DataType resultType();

    /** Whether a non-null input can still give a null result ({@code unhex} of a string that is not hex, ...). */
    boolean nullOnValidInput();

    /**
     * The function of one {@link BinaryFunction#evaluate} call, applied to each row's non-null argument values in
     * turn on that call's thread, returning the row's result (null for a null result). It may keep state between
     * the rows of its call, such as a {@link java.security.MessageDigest}, and is not shared between calls. It must
     * not modify the values it is given: a literal argument's value is shared by every row.
     */
    Function<Object[], Object> rowFunction();
  }

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

  /**
   * Applies one {@link Kind#rowFunction} to the rows in turn. A literal argument is read once for the batch rather
   * than copied out of its vector on every row.
   */
  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    int n = input.numRows();
    ColumnVector[] in = new ColumnVector[args.size()];
    Object[] values = new Object[in.length];
    boolean[] perRow = new boolean[in.length];
    boolean nullLiteral = false;
    for (int a = 0; a < in.length; a++) {
      in[a] = args.get(a).evaluate(input, context);
      perRow[a] = !(args.get(a) instanceof Literal) || n == 0;
      if (!perRow[a]) {
        nullLiteral |= in[a].isNull(0);
        values[a] = nullLiteral ? null : BinaryKind.value(in[a], 0);
      }
    }
    Function<Object[], Object> row = kind.rowFunction();
    VectorBuilder out = VectorBuilder.forType(kind.resultType(), n);
    for (int i = 0; i < n; i++) {
      boolean anyNull = nullLiteral;
      for (int a = 0; a < in.length && !anyNull; a++) {
        if (perRow[a]) {
          anyNull = in[a].isNull(i);
          values[a] = anyNull ? null : BinaryKind.value(in[a], i);
        }
      }
      out.append(anyNull ? null : row.apply(values));
    }
    return out.build();
  }

  @Override
  public String sql() {
    return FunctionArgs.callSql(name, args);
  }
}
