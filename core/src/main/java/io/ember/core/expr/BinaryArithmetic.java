package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code left op right} over numbers. Both children already have the operation's input type (int,
 * bigint, double, or decimals), as {@link Expressions} arranges; {@code dataType} is the result type.
 * ANSI mode raises {@code ARITHMETIC_OVERFLOW} and {@code DIVIDE_BY_ZERO}; legacy mode wraps integral
 * overflow and returns null for a zero divisor or a decimal that does not fit.
 */
public record BinaryArithmetic(Op op, Expression left, Expression right, DataType dataType) implements Expression {
  /** The operator, its SQL symbol and the {@code try_} function that tolerates its errors. */
  public enum Op {
    ADD("+", "try_add"),
    SUBTRACT("-", "try_subtract"),
    MULTIPLY("*", "try_multiply"),
    DIVIDE("/", "try_divide"),
    REMAINDER("%", "try_mod"),
    /** Spark's {@code pmod}: the remainder moved into the divisor's range when it is negative. */
    PMOD("pmod", null);

    boolean isDivision() {
      return this == DIVIDE || this == REMAINDER || this == PMOD;
    }

    final String symbol;
    final String tryFunction;

    Op(String symbol, String tryFunction) {
      this.symbol = symbol;
      this.tryFunction = tryFunction;
    }

    public String symbol() {
      return symbol;
    }
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right.nullable() || op.isDivision()
        || dataType instanceof DecimalType;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new BinaryArithmetic(op, c.get(0), c.get(1), dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector l = left.evaluate(input, ctx);
    ColumnVector r = right.evaluate(input, ctx);
    int n = input.numRows();
    boolean[] nulls = VectorOps.unionNulls(l, r, n);
    if (dataType instanceof DecimalType dt) {
      return decimals((DecimalVector) l, (DecimalVector) r, dt, nulls, n, ctx.ansi());
    }
    if (dataType instanceof DoubleType) {
      return doubles(((DoubleVector) l).values(), ((DoubleVector) r).values(), nulls, n, ctx.ansi());
    }
    if (dataType instanceof IntegerType) {
      return IntegralKernels.ints(op, ((IntVector) l).values(), ((IntVector) r).values(), nulls, n, ctx.ansi());
    }
    return IntegralKernels.longs(op, ((LongVector) l).values(), ((LongVector) r).values(), nulls, n, ctx.ansi());
  }

  private ColumnVector doubles(double[] a, double[] b, boolean[] nulls, int n, boolean ansi) {
    double[] out = new double[n];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] + b[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] - b[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] * b[i];
        }
      }
      default -> {
        nulls = IntegralKernels.zeroDivisors(b, nulls, n, ansi);
        for (int i = 0; i < n; i++) {
          out[i] = switch (op) {
            case DIVIDE -> a[i] / b[i];
            case PMOD -> IntegralKernels.pmod(a[i], b[i]);
            default -> a[i] % b[i];
          };
        }
      }
    }
    return new DoubleVector(out, VectorOps.compact(nulls, n), n);
  }

  private ColumnVector decimals(DecimalVector l, DecimalVector r, DecimalType dt, boolean[] nulls, int n,
      boolean ansi) {
    BigDecimal[] out = new BigDecimal[n];
    boolean[] outNulls = nulls == null ? new boolean[n] : nulls;
    for (int i = 0; i < n; i++) {
      if (outNulls[i]) {
        continue;
      }
      BigDecimal a = l.getDecimal(i);
      BigDecimal b = r.getDecimal(i);
      if (op.isDivision() && b.signum() == 0) {
        if (ansi) {
          throw ExpressionErrors.divideByZero();
        }
        outNulls[i] = true;
        continue;
      }
      BigDecimal exact = switch (op) {
        case ADD -> a.add(b);
        case SUBTRACT -> a.subtract(b);
        case MULTIPLY -> a.multiply(b);
        case DIVIDE -> a.divide(b, dt.scale(), RoundingMode.HALF_UP);
        case REMAINDER -> a.remainder(b);
        case PMOD -> a.remainder(b).signum() < 0 ? a.remainder(b).add(b).remainder(b) : a.remainder(b);
      };
      out[i] = CastKernels.fitDecimal(exact, dt);
      if (out[i] == null) {
        if (ansi) {
          throw ExpressionErrors.decimalOutOfRange(exact.setScale(dt.scale(), RoundingMode.HALF_UP), dt);
        }
        outNulls[i] = true;
      }
    }
    return new DecimalVector(dt, out, VectorOps.compact(outNulls, n), n);
  }

  @Override
  public String sql() {
    if (op == Op.PMOD) {
      return "pmod(" + left.sql() + ", " + right.sql() + ")";
    }
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }
}
