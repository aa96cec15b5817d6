package io.ember.operators.aggregate;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import java.util.List;

/**
 * Spark's variance and standard deviation family over numeric input, as double: {@code var_samp}
 * ({@code variance}), {@code var_pop}, {@code stddev_samp} ({@code stddev}, {@code std}), {@code stddev_pop}.
 * The state is {@code (n, avg, m2)} updated with Welford's method and merged with Chan et al.'s formula, as
 * Spark does. The sample statistics are null for fewer than two values (Spark 4's default), the population
 * ones for none.
 *
 * @param displayName the name the query used (Spark prints the alias: {@code stddev}, {@code std}, ...)
 */
public record CentralMomentFunction(Expression input, Kind kind, String displayName) implements AggregateFunction {
  /** Which statistic the function returns. */
  public enum Kind {
    VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP
  }

  @Override
  public String name() {
    return displayName;
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    return DataTypes.DOUBLE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField("n", DataTypes.DOUBLE, false), new StructField("avg", DataTypes.DOUBLE, false),
        new StructField("m2", DataTypes.DOUBLE, false));
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    return new MomentAccumulator(kind);
  }

  private static final class MomentAccumulator implements Accumulator {
    private final Kind kind;
    private double[] n = new double[0];
    private double[] avg = new double[0];
    private double[] m2 = new double[0];

    MomentAccumulator(Kind kind) {
      this.kind = kind;
    }

    @Override
    public void ensureGroups(int groupCount) {
      n = States.grow(n, groupCount);
      avg = States.grow(avg, groupCount);
      m2 = States.grow(m2, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      double[] x = States.toDoubles(v);
      boolean[] nulls = v.nullMask();
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          int g = groupIds[i];
          double count = n[g] + 1;
          double delta = x[i] - avg[g];
          double mean = avg[g] + delta / count;
          m2[g] += delta * (x[i] - mean);
          avg[g] = mean;
          n[g] = count;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      double[] nb = ((DoubleVector) state[0]).values();
      double[] avgB = ((DoubleVector) state[1]).values();
      double[] m2b = ((DoubleVector) state[2]).values();
      for (int i = 0; i < numRows; i++) {
        if (nb[i] == 0) {
          continue;
        }
        int g = groupIds[i];
        double na = n[g];
        double total = na + nb[i];
        double delta = avgB[i] - avg[g];
        avg[g] = avg[g] + delta * nb[i] / total;
        m2[g] = m2[g] + m2b[i] + delta * delta * na * nb[i] / total;
        n[g] = total;
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      return new ColumnVector[] {
        States.doubles(n, from, count), States.doubles(avg, from, count), States.doubles(m2, from, count)
      };
    }

    @Override
    public ColumnVector result(int from, int count) {
      double[] out = new double[count];
      boolean[] nulls = null;
      boolean sample = kind == Kind.VAR_SAMP || kind == Kind.STDDEV_SAMP;
      boolean sqrt = kind == Kind.STDDEV_SAMP || kind == Kind.STDDEV_POP;
      for (int k = 0; k < count; k++) {
        double c = n[from + k];
        if (c == 0 || (sample && c == 1)) {
          nulls = nulls == null ? new boolean[count] : nulls;
          nulls[k] = true;
          continue;
        }
        double variance = m2[from + k] / (sample ? c - 1 : c);
        out[k] = sqrt ? Math.sqrt(variance) : variance;
      }
      return new DoubleVector(out, nulls, count);
    }

    @Override
    public long estimatedBytes() {
      return 24L * n.length;
    }
  }
}
