package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.types.DataType;
import io.ember.core.types.DayTimeIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Arithmetic on ANSI intervals, as Spark's {@code Add}/{@code Subtract} of intervals, {@code UnaryMinus},
 * {@code MultiplyDTInterval}/{@code MultiplyYMInterval} and {@code DivideDTInterval}/{@code DivideYMInterval}:
 * <ul>
 *   <li>{@link Op#ADD}, {@link Op#SUBTRACT}: two intervals of {@code dataType} (both day-time or both year-month,
 *       already cast to their common fields by {@link Expressions});
 *   <li>{@link Op#NEGATE}: {@code left} only;
 *   <li>{@link Op#MULTIPLY}, {@link Op#DIVIDE}: {@code left} an interval, {@code right} an int, bigint, double or
 *       decimal; the result is rounded half-up to a whole microsecond (month) and has type {@code interval day to
 *       second} ({@code interval year to month}). {@code numberFirst} records that the number was written first.
 * </ul>
 * Intervals never wrap: an overflow raises {@code ARITHMETIC_OVERFLOW} and a zero divisor
 * {@code INTERVAL_DIVIDED_BY_ZERO}, with ANSI mode on or off, as in Spark. Null in, null out.
 */
public record IntervalArithmetic(Op op, Expression left, Expression right, DataType dataType, boolean numberFirst)
    implements Expression {
  /** The operation and its SQL symbol. */
  public enum Op {
    ADD("+", "try_add"), SUBTRACT("-", "try_subtract"), NEGATE("-", null), MULTIPLY("*", "try_multiply"),
    DIVIDE("/", "try_divide");

    final String symbol;
    final String tryFunction;

    Op(String symbol, String tryFunction) {
      this.symbol = symbol;
      this.tryFunction = tryFunction;
    }
  }

  @Override
  public boolean nullable() {
    return left.nullable() || right != null && right.nullable();
  }

  @Override
  public List<Expression> children() {
    return right == null ? List.of(left) : List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new IntervalArithmetic(op, c.get(0), c.size() > 1 ? c.get(1) : null, dataType, numberFirst);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector l = left.evaluate(input, ctx);
    ColumnVector r = right == null ? null : right.evaluate(input, ctx);
    boolean[] nulls = r == null ? VectorOps.copy(l.nullMask(), n) : VectorOps.unionNulls(l, r, n);
    boolean dayTime = dataType instanceof DayTimeIntervalType;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      if (VectorOps.isNull(nulls, i)) {
        continue;
      }
      long a = dayTime ? ((LongVector) l).getLong(i) : ((IntVector) l).getInt(i);
      try {
        out[i] = fit(dayTime, switch (op) {
          case NEGATE -> Math.negateExact(a);
          case ADD -> Math.addExact(a, longAt(r, i));
          case SUBTRACT -> Math.subtractExact(a, longAt(r, i));
          case MULTIPLY, DIVIDE -> scale(a, r, i);
        });
      } catch (ArithmeticException e) {
        throw overflow(dayTime);
      }
    }
    boolean[] mask = VectorOps.compact(nulls, n);
    if (dayTime) {
      return new LongVector(dataType, out, mask, n);
    }
    int[] months = new int[n];
    for (int i = 0; i < n; i++) {
      months[i] = (int) out[i];
    }
    return new IntVector(dataType, months, mask, n);
  }

  private static long longAt(ColumnVector v, int i) {
    return v instanceof LongVector lv ? lv.getLong(i) : ((IntVector) v).getInt(i);
  }

  /** {@code v}, checked to fit a year-month interval's int. */
  private long fit(boolean dayTime, long v) {
    if (!dayTime && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
      throw overflow(false);
    }
    return v;
  }

  /** {@code a * number} or {@code a / number}, rounded half-up. @throws ArithmeticException on overflow */
  private long scale(long a, ColumnVector numbers, int i) {
    if (numbers instanceof DoubleVector dv) {
      double x = dv.values()[i];
      if (op == Op.DIVIDE && x == 0) {
        throw dividedByZero();
      }
      double v = op == Op.MULTIPLY ? a * x : a / x;
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new ArithmeticException("not a finite number");
      }
      return new BigDecimal(v).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    if (op == Op.MULTIPLY && !(numbers instanceof DecimalVector)) {
      return Math.multiplyExact(a, longAt(numbers, i));
    }
    BigDecimal x = numbers instanceof DecimalVector d ? d.getDecimal(i) : BigDecimal.valueOf(longAt(numbers, i));
    if (op == Op.DIVIDE && x.signum() == 0) {
      throw dividedByZero();
    }
    BigDecimal v = op == Op.MULTIPLY ? BigDecimal.valueOf(a).multiply(x)
        : BigDecimal.valueOf(a).divide(x, 0, RoundingMode.HALF_UP);
    return v.setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private EmberArithmeticException overflow(boolean dayTime) {
    return ExpressionErrors.arithmeticOverflow(dayTime ? "long overflow" : "integer overflow", op.tryFunction);
  }

  /** Spark's {@code INTERVAL_DIVIDED_BY_ZERO}. */
  static EmberArithmeticException dividedByZero() {
    return new EmberArithmeticException("INTERVAL_DIVIDED_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.");
  }

  @Override
  public String sql() {
    if (op == Op.NEGATE) {
      return "(- " + left.sql() + ")";
    }
    List<String> parts = new ArrayList<>(List.of(left.sql(), right.sql()));
    if (numberFirst) {
      java.util.Collections.reverse(parts);
    }
    return "(" + parts.get(0) + " " + op.symbol + " " + parts.get(1) + ")";
  }
}
