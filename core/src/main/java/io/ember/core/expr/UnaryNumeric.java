package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import java.math.BigDecimal;

/**
 * Unary minus and {@code abs}, which keep their input's numeric type. Negating or taking the absolute
 * value of the smallest int or bigint overflows: {@code ARITHMETIC_OVERFLOW} under ANSI, wrap-around otherwise.
 */
public record UnaryNumeric(Kind kind, Expression child) implements UnaryExpression {
  /** Which operation. */
  public enum Kind {
    NEGATE,
    ABS
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new UnaryNumeric(kind, newChild);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector v = child.evaluate(input, ctx);
    int n = v.size();
    boolean neg = kind == Kind.NEGATE;
    boolean ansi = ctx.ansi();
    boolean[] nulls = VectorOps.copy(v.nullMask(), n);
    DataType t = v.type();
    if (t instanceof IntegerType) {
      int[] a = ((IntVector) v).values();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        int x = a[i];
        if (ansi && x == Integer.MIN_VALUE && !VectorOps.isNull(nulls, i) && (neg || x < 0)) {
          throw ExpressionErrors.arithmeticOverflow("integer overflow", null);
        }
        out[i] = neg ? -x : Math.abs(x);
      }
      return new IntVector(DataTypes.INTEGER, out, nulls, n);
    }
    if (t instanceof DoubleType) {
      double[] a = ((DoubleVector) v).values();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = neg ? -a[i] : Math.abs(a[i]);
      }
      return new DoubleVector(out, nulls, n);
    }
    if (t instanceof DecimalType dt) {
      DecimalVector dv = (DecimalVector) v;
      BigDecimal[] out = new BigDecimal[n];
      for (int i = 0; i < n; i++) {
        if (!dv.isNull(i)) {
          out[i] = neg ? dv.getDecimal(i).negate() : dv.getDecimal(i).abs();
        }
      }
      return new DecimalVector(dt, out, nulls, n);
    }
    long[] a = ((LongVector) v).values();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long x = a[i];
      if (ansi && x == Long.MIN_VALUE && !VectorOps.isNull(nulls, i)) {
        throw ExpressionErrors.arithmeticOverflow("long overflow", null);
      }
      out[i] = neg ? -x : Math.abs(x);
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  @Override
  public String sql() {
    return kind == Kind.NEGATE ? "(- " + child.sql() + ")" : "abs(" + child.sql() + ")";
  }
}
