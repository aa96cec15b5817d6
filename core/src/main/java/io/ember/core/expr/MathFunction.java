package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A math function over doubles ({@code sqrt}, {@code exp}, {@code ln}, ...): arguments are cast to double
 * and the result is double. The logarithms return null outside their domain (an argument or base
 * {@code <= 0}), as Spark; {@code sqrt} of a negative number is NaN.
 */
public record MathFunction(Fn fn, List<Expression> args) implements Expression {
  /** The function, its name as Spark prints it and its number of arguments. */
  public enum Fn {
    SQRT("SQRT", 1),
    EXP("EXP", 1),
    LN("ln", 1),
    LOG10("LOG10", 1),
    LOG2("LOG2", 1),
    SIGNUM("SIGNUM", 1),
    POW("POWER", 2),
    LOG("LOG", 2);

    final String sqlName;
    final int arity;

    Fn(String sqlName, int arity) {
      this.sqlName = sqlName;
      this.arity = arity;
    }

    boolean isLog() {
      return this == LN || this == LOG10 || this == LOG2 || this == LOG;
    }
  }

  public MathFunction {
    args = List.copyOf(args);
  }

  /** Builds {@code fn(args)}, casting the arguments to double. */
  static MathFunction of(Fn fn, List<Expression> args) {
    List<Expression> cast = new ArrayList<>();
    for (int k = 0; k < args.size(); k++) {
      Expression a = args.get(k);
      DataType t = a.dataType();
      if (!t.isNumeric() && !(t instanceof io.ember.core.types.StringType) && !(t instanceof io.ember.core.types.NullType)) {
        throw Expressions.unexpectedType(Expressions.callSql(fn.sqlName, args), k + 1, "NUMERIC", a);
      }
      cast.add(Expressions.castTo(a, DataTypes.DOUBLE));
    }
    return new MathFunction(fn, cast);
  }

  @Override
  public DataType dataType() {
    return DataTypes.DOUBLE;
  }

  @Override
  public boolean nullable() {
    return fn.isLog() || args.stream().anyMatch(Expression::nullable);
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new MathFunction(fn, c);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    DoubleVector x = (DoubleVector) args.get(0).evaluate(input, ctx);
    double[] a = x.values();
    double[] out = new double[n];
    boolean[] nulls;
    if (fn.arity == 2) {
      DoubleVector y = (DoubleVector) args.get(1).evaluate(input, ctx);
      double[] b = y.values();
      nulls = VectorOps.unionNulls(x, y, n);
      for (int i = 0; i < n; i++) {
        if (fn == Fn.POW) {
          out[i] = Math.pow(a[i], b[i]);
        } else if (a[i] <= 0 || b[i] <= 0) {
          nulls = markNull(nulls, n, i);
        } else {
          out[i] = Math.log(b[i]) / Math.log(a[i]);
        }
      }
      return new DoubleVector(out, VectorOps.compact(nulls, n), n);
    }
    nulls = VectorOps.copy(x.nullMask(), n);
    for (int i = 0; i < n; i++) {
      double v = a[i];
      if (fn.isLog() && v <= 0) {
        nulls = markNull(nulls, n, i);
        continue;
      }
      out[i] = switch (fn) {
        case SQRT -> Math.sqrt(v);
        case EXP -> Math.exp(v);
        case LN -> Math.log(v);
        case LOG10 -> Math.log10(v);
        case LOG2 -> Math.log(v) / Math.log(2);
        default -> Math.signum(v);
      };
    }
    return new DoubleVector(out, VectorOps.compact(nulls, n), n);
  }

  private static boolean[] markNull(boolean[] nulls, int n, int i) {
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  @Override
  public String sql() {
    return Expressions.callSql(fn.sqlName, args);
  }
}
