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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code floor(child)} or {@code ceil(child)}: bigint for int, bigint and double input (a double beyond
 * the bigint range saturates, as Java's and Spark's conversion), {@code decimal(p - s + 1, 0)} for decimals.
 */
public record FloorCeil(boolean ceil, Expression child) implements Expression {
  @Override
  public DataType dataType() {
    if (child.dataType() instanceof DecimalType d) {
      return DataTypes.decimal(Math.min(d.precision() - d.scale() + 1, DecimalType.MAX_PRECISION), 0);
    }
    return DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new FloorCeil(ceil, c.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector v = child.evaluate(input, ctx);
    int n = v.size();
    boolean[] nulls = VectorOps.copy(v.nullMask(), n);
    if (v instanceof DecimalVector dv) {
      BigDecimal[] out = new BigDecimal[n];
      for (int i = 0; i < n; i++) {
        if (!dv.isNull(i)) {
          out[i] = dv.getDecimal(i).setScale(0, ceil ? RoundingMode.CEILING : RoundingMode.FLOOR);
        }
      }
      return new DecimalVector((DecimalType) dataType(), out, nulls, n);
    }
    long[] out = new long[n];
    if (v instanceof DoubleVector d) {
      double[] a = d.values();
      for (int i = 0; i < n; i++) {
        out[i] = (long) (ceil ? Math.ceil(a[i]) : Math.floor(a[i]));
      }
    } else if (v instanceof IntVector iv) {
      int[] a = iv.values();
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else {
      System.arraycopy(((LongVector) v).values(), 0, out, 0, n);
    }
    return new LongVector(DataTypes.LONG, out, nulls, n);
  }

  @Override
  public String sql() {
    return (ceil ? "CEIL(" : "FLOOR(") + child.sql() + ")";
  }
}
