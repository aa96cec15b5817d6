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
import io.ember.core.types.LongType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code round(child, scale)} (HALF_UP) and {@code bround(child, scale)} (HALF_EVEN). Int and bigint
 * stay integral (a negative scale rounds to tens, hundreds, ...), double stays double (rounded through its
 * decimal representation, as Spark), decimals get Spark's rounded decimal type. Under ANSI an integral
 * result that no longer fits raises {@code ARITHMETIC_OVERFLOW}; legacy mode wraps.
 */
public record Round(Expression child, int scale, RoundingMode mode, DataType dataType) implements UnaryExpression {
  /** The result type of rounding {@code t} to {@code scale}, as Spark's RoundBase. */
  static DataType resultType(DataType t, int scale) {
    if (t instanceof DecimalType d) {
      int integral = d.precision() - d.scale() + 1;
      if (scale < 0) {
        return DataTypes.decimal(Math.min(Math.max(integral, -scale + 1), DecimalType.MAX_PRECISION), 0);
      }
      int newScale = Math.min(d.scale(), scale);
      return DataTypes.decimal(Math.min(integral + newScale, DecimalType.MAX_PRECISION), newScale);
    }
    return t;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public Expression withChild(Expression newChild) {
    return new Round(newChild, scale, mode, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector v = child.evaluate(input, ctx);
    int n = v.size();
    boolean[] nulls = VectorOps.copy(v.nullMask(), n);
    if (dataType instanceof DoubleType) {
      double[] a = ((DoubleVector) v).values();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        double d = a[i];
        out[i] = Double.isFinite(d) ? new BigDecimal(Double.toString(d)).setScale(scale, mode).doubleValue() : d;
      }
      return new DoubleVector(out, nulls, n);
    }
    if (dataType instanceof DecimalType dt) {
      DecimalVector dv = (DecimalVector) v;
      BigDecimal[] out = new BigDecimal[n];
      for (int i = 0; i < n; i++) {
        if (!dv.isNull(i)) {
          out[i] = dv.getDecimal(i).setScale(scale, mode).setScale(dt.scale(), RoundingMode.UNNECESSARY);
        }
      }
      return new DecimalVector(dt, out, nulls, n);
    }
    if (scale >= 0) {
      return v;
    }
    boolean isInt = dataType instanceof IntegerType;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      if (VectorOps.isNull(nulls, i)) {
        continue;
      }
      long x = isInt ? ((IntVector) v).getInt(i) : ((LongVector) v).getLong(i);
      BigDecimal r = BigDecimal.valueOf(x).setScale(scale, mode);
      boolean fits = r.compareTo(BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE)) >= 0
          && r.compareTo(BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE)) <= 0;
      if (!fits && ctx.ansi()) {
        throw ExpressionErrors.arithmeticOverflow(isInt ? "integer overflow" : "long overflow", null);
      }
      out[i] = r.longValue();
    }
    if (dataType instanceof LongType) {
      return new LongVector(DataTypes.LONG, out, nulls, n);
    }
    int[] ints = new int[n];
    for (int i = 0; i < n; i++) {
      ints[i] = (int) out[i];
    }
    return new IntVector(DataTypes.INTEGER, ints, nulls, n);
  }

  @Override
  public String sql() {
    return (mode == RoundingMode.HALF_EVEN ? "bround(" : "round(") + child.sql() + ", " + scale + ")";
  }
}
