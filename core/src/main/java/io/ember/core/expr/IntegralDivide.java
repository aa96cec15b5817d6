package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Spark's {@code a div b} (and the function {@code div(a, b)}): the quotient truncated toward zero, as a
 * bigint ({@code 7 div 2 = 3}, {@code -7 div 2 = -3}). Operands are int, bigint or decimal (as in Spark 4 with
 * ANSI mode, a double is refused). A zero divisor raises {@code DIVIDE_BY_ZERO} in ANSI mode and gives null
 * otherwise; a quotient outside bigint ({@code Long.MIN_VALUE div -1}) raises {@code ARITHMETIC_OVERFLOW} in
 * ANSI mode and wraps (integers) or gives null (decimals) otherwise. Null in, null out.
 */
public record IntegralDivide(Expression left, Expression right) implements Expression {
  /**
   * {@code left div right}, with int operands widened to bigint.
   *
   * @throws io.ember.core.errors.AnalysisException {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE} for an operand
   *     that is not an integer or a decimal
   */
  public static Expression of(Expression left, Expression right) {
    String sql = "(" + left.sql() + " div " + right.sql() + ")";
    check(left, 1, sql);
    check(right, 2, sql);
    boolean decimal = left.dataType() instanceof DecimalType || right.dataType() instanceof DecimalType;
    if (!decimal) {
      return new IntegralDivide(Expressions.castTo(left, DataTypes.LONG), Expressions.castTo(right, DataTypes.LONG));
    }
    return new IntegralDivide(asDecimal(left), asDecimal(right));
  }

  private static void check(Expression e, int position, String sql) {
    DataType t = e.dataType();
    if (!(t instanceof IntegerType || t instanceof LongType || t instanceof DecimalType || t instanceof NullType)) {
      throw Expressions.unexpectedType(sql, position, "(\"BIGINT\" or \"DECIMAL\")", e);
    }
  }

  private static Expression asDecimal(Expression e) {
    DataType t = e.dataType();
    if (t instanceof DecimalType) {
      return e;
    }
    return Expressions.castTo(e, new DecimalType(t instanceof IntegerType ? 10 : 20, 0));
  }

  @Override
  public DataType dataType() {
    return DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new IntegralDivide(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector l = left.evaluate(input, ctx);
    ColumnVector r = right.evaluate(input, ctx);
    int n = input.numRows();
    boolean[] nulls = VectorOps.unionNulls(l, r, n);
    long[] out = new long[n];
    boolean ansi = ctx.ansi();
    if (l instanceof LongVector lv && r instanceof LongVector rv) {
      long[] a = lv.values();
      long[] b = rv.values();
      nulls = IntegralKernels.zeroDivisors(b, nulls, n, ansi);
      for (int i = 0; i < n; i++) {
        if (VectorOps.isNull(nulls, i)) {
          continue;
        }
        if (a[i] == Long.MIN_VALUE && b[i] == -1 && ansi) {
          throw ExpressionErrors.arithmeticOverflow("long overflow", null);
        }
        out[i] = a[i] / b[i];
      }
      return new LongVector(DataTypes.LONG, out, nulls, n);
    }
    DecimalVector a = (DecimalVector) l;
    DecimalVector b = (DecimalVector) r;
    for (int i = 0; i < n; i++) {
      if (VectorOps.isNull(nulls, i)) {
        continue;
      }
      BigDecimal divisor = b.getDecimal(i);
      if (divisor.signum() == 0) {
        if (ansi) {
          throw ExpressionErrors.divideByZero();
        }
        nulls = markNull(nulls, n, i);
        continue;
      }
      BigInteger q = a.getDecimal(i).divideToIntegralValue(divisor).toBigInteger();
      if (q.bitLength() > 63) {
        if (ansi) {
          throw ExpressionErrors.arithmeticOverflow("long overflow", null);
        }
        nulls = markNull(nulls, n, i);
        continue;
      }
      out[i] = q.longValue();
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  private static boolean[] markNull(boolean[] nulls, int n, int i) {
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " div " + right.sql() + ")";
  }
}
