package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code make_dt_interval(days, hours, mins, secs)} (an {@code interval day to second}; secs a
 * {@code decimal(18,6)}) and {@code make_ym_interval(years, months)} (an {@code interval year to month}). Missing
 * trailing arguments are 0; a null argument gives null; a value out of range raises {@code ARITHMETIC_OVERFLOW}.
 */
public record MakeInterval(boolean dayTime, List<Expression> args) implements Expression {
  /** The type of the seconds argument of {@code make_dt_interval}. */
  static final DecimalType SECONDS = DataTypes.decimal(18, 6);

  public MakeInterval {
    args = List.copyOf(args);
  }

  /** Builds the function {@code name} ({@code make_dt_interval} or {@code make_ym_interval}) over {@code args}. */
  static Expression build(String name, List<Expression> given) {
    boolean dayTime = name.equals("make_dt_interval");
    int arity = dayTime ? 4 : 2;
    if (given.size() > arity) {
      throw FunctionRegistry.wrongNumArgs(name, "[0, " + arity + "]", given.size());
    }
    List<Expression> cast = new ArrayList<>();
    for (int k = 0; k < arity; k++) {
      DataType t = dayTime && k == 3 ? SECONDS : DataTypes.INTEGER;
      Expression a = k < given.size() ? given.get(k)
          : new Literal(dayTime && k == 3 ? BigDecimal.ZERO.setScale(6) : 0, t);
      if (!a.dataType().isNumeric() && !(a.dataType() instanceof io.ember.core.types.NullType)) {
        throw Expressions.unexpectedType(Expressions.callSql(name, given), k + 1,
            t instanceof DecimalType ? "DECIMAL(18,6)" : "INT", a);
      }
      cast.add(a.dataType().equals(t) ? a : Expressions.castTo(a, t));
    }
    return new MakeInterval(dayTime, cast);
  }

  @Override
  public DataType dataType() {
    return dayTime ? DataTypes.DAY_TIME_INTERVAL : DataTypes.YEAR_MONTH_INTERVAL;
  }

  @Override
  public boolean nullable() {
    return args.stream().anyMatch(Expression::nullable);
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new MakeInterval(dayTime, c);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    ColumnVector[] in = new ColumnVector[args.size()];
    boolean[] nulls = null;
    for (int k = 0; k < in.length; k++) {
      in[k] = args.get(k).evaluate(input, ctx);
      if (in[k].mayHaveNulls()) {
        nulls = union(nulls, in[k], n);
      }
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      try {
        if (dayTime) {
          long micros = Math.multiplyExact(intAt(in[0], i), IntervalFormat.MICROS_PER_DAY);
          micros = Math.addExact(micros, Math.multiplyExact(intAt(in[1], i), IntervalFormat.MICROS_PER_HOUR));
          micros = Math.addExact(micros, Math.multiplyExact(intAt(in[2], i), IntervalFormat.MICROS_PER_MINUTE));
          BigDecimal secs = ((DecimalVector) in[3]).getDecimal(i);
          out[i] = Math.addExact(micros, secs.movePointRight(6).longValueExact());
        } else {
          long months = Math.addExact(Math.multiplyExact((long) ((IntVector) in[0]).getInt(i), 12L),
              ((IntVector) in[1]).getInt(i));
          out[i] = Math.toIntExact(months);
        }
      } catch (ArithmeticException e) {
        throw ExpressionErrors.arithmeticOverflow(dayTime ? "long overflow" : "integer overflow", null);
      }
    }
    if (dayTime) {
      return new LongVector(DataTypes.DAY_TIME_INTERVAL, out, nulls, n);
    }
    int[] months = new int[n];
    for (int i = 0; i < n; i++) {
      months[i] = (int) out[i];
    }
    return new IntVector(DataTypes.YEAR_MONTH_INTERVAL, months, nulls, n);
  }

  private static long intAt(ColumnVector v, int row) {
    return ((IntVector) v).getInt(row);
  }

  private static boolean[] union(boolean[] acc, ColumnVector v, int n) {
    boolean[] out = acc == null ? new boolean[n] : acc;
    for (int i = 0; i < n; i++) {
      out[i] |= v.isNull(i);
    }
    return out;
  }

  @Override
  public String sql() {
    return Expressions.callSql(dayTime ? "make_dt_interval" : "make_ym_interval", args);
  }
}
