package io.ember.operators.aggregate;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import java.util.List;

/**
 * Spark's {@code approx_count_distinct(expr[, rsd])}: a HyperLogLog++ sketch per group, as a non-null bigint.
 * As in Spark: a 64-bit hash, precision {@code p = ceil(2 * log2(1.106 / rsd))} (so {@code rsd} 0.05 gives
 * 512 registers), 6-bit registers packed ten to a long, the rank of a hash counted in its low {@code 64 - p}
 * bits. The estimate uses Ertl's improved raw estimator ("New cardinality estimation algorithms for
 * HyperLogLog sketches", 2017), which is unbiased from small to large cardinalities without HLL++'s
 * empirical bias tables; its relative standard error is about {@code 1.04 / sqrt(2^p)}, within {@code rsd}.
 * Exact counts therefore may differ from Spark's by the sketch's error, not more.
 *
 * <p>The partial state is the packed registers of each group as an {@code array<bigint>}.
 */
public record ApproxCountDistinctFunction(Expression input, double relativeSD) implements AggregateFunction {
  /** Spark's default relative standard deviation. */
  public static final double DEFAULT_RSD = 0.05;
  private static final int REGISTER_BITS = 6;
  private static final int REGISTERS_PER_WORD = 64 / REGISTER_BITS;
  private static final long REGISTER_MASK = (1L << REGISTER_BITS) - 1;

  /** The precision (log2 of the register count) for {@code rsd}; at least 4, as Spark requires. */
  public static int precision(double rsd) {
    return (int) Math.ceil(2.0 * Math.log(1.106 / rsd) / Math.log(2.0));
  }

  @Override
  public String name() {
    return "approx_count_distinct";
  }

  @Override
  public List<Expression> inputs() {
    return List.of(input);
  }

  @Override
  public DataType resultType() {
    return DataTypes.LONG;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<StructField> stateFields() {
    return List.of(new StructField("registers", new ArrayType(DataTypes.LONG, false), false));
  }

  @Override
  public String sql() {
    return relativeSD == DEFAULT_RSD ? name() + "(" + input.sql() + ")"
        : name() + "(" + input.sql() + ", " + relativeSD + ")";
  }

  @Override
  public Accumulator newAccumulator(EvalContext context) {
    return new Sketches(precision(relativeSD));
  }

  /** Every group's registers in one long array: group {@code g} owns words {@code [g*w, (g+1)*w)}. */
  private static final class Sketches implements Accumulator {
    private final int p;
    private final int m;
    private final int wordsPerGroup;
    private long[] words = new long[0];
    private long[] hashes = new long[0];
    private int groups;

    Sketches(int p) {
      this.p = p;
      this.m = 1 << p;
      this.wordsPerGroup = (m + REGISTERS_PER_WORD - 1) / REGISTERS_PER_WORD;
    }

    @Override
    public void ensureGroups(int groupCount) {
      words = States.grow(words, groupCount * wordsPerGroup);
      groups = Math.max(groups, groupCount);
    }

    @Override
    public void update(int[] groupIds, int numRows, ColumnVector[] args) {
      ColumnVector v = args[0];
      hashes = States.grow(hashes, numRows);
      Hash64.hashAll(v, numRows, hashes);
      boolean[] nulls = v.nullMask();
      for (int i = 0; i < numRows; i++) {
        if (nulls == null || !nulls[i]) {
          long h = hashes[i];
          int index = (int) (h >>> (64 - p));
          long w = (h << p) | (1L << (p - 1));
          raise(groupIds[i], index, Long.numberOfLeadingZeros(w) + 1);
        }
      }
    }

    private void raise(int group, int index, long rank) {
      int word = group * wordsPerGroup + index / REGISTERS_PER_WORD;
      int shift = (index % REGISTERS_PER_WORD) * REGISTER_BITS;
      long current = (words[word] >>> shift) & REGISTER_MASK;
      if (rank > current) {
        words[word] = (words[word] & ~(REGISTER_MASK << shift)) | (rank << shift);
      }
    }

    @Override
    public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
      ArrayVector arrays = (ArrayVector) state[0];
      long[] partial = ((LongVector) arrays.elements()).values();
      for (int i = 0; i < numRows; i++) {
        int start = arrays.start(i);
        int g = groupIds[i];
        for (int w = 0; w < wordsPerGroup; w++) {
          long word = partial[start + w];
          if (word != 0) {
            for (int r = 0; r < REGISTERS_PER_WORD; r++) {
              long rank = (word >>> (r * REGISTER_BITS)) & REGISTER_MASK;
              if (rank != 0) {
                raise(g, w * REGISTERS_PER_WORD + r, rank);
              }
            }
          }
        }
      }
    }

    @Override
    public ColumnVector[] state(int from, int count) {
      int[] offsets = new int[count + 1];
      for (int k = 0; k <= count; k++) {
        offsets[k] = k * wordsPerGroup;
      }
      LongVector elements = States.longs(words, from * wordsPerGroup, count * wordsPerGroup);
      return new ColumnVector[] {new ArrayVector(new ArrayType(DataTypes.LONG, false), offsets, elements, null, count)};
    }

    @Override
    public ColumnVector result(int from, int count) {
      long[] out = new long[count];
      int[] histogram = new int[64 - p + 2];
      for (int k = 0; k < count; k++) {
        java.util.Arrays.fill(histogram, 0);
        int base = (from + k) * wordsPerGroup;
        for (int index = 0; index < m; index++) {
          long word = words[base + index / REGISTERS_PER_WORD];
          histogram[(int) ((word >>> ((index % REGISTERS_PER_WORD) * REGISTER_BITS)) & REGISTER_MASK)]++;
        }
        out[k] = Math.round(estimate(histogram, m, 64 - p));
      }
      return new LongVector(DataTypes.LONG, out, null, count);
    }

    @Override
    public long estimatedBytes() {
      return 8L * words.length;
    }
  }

  /** Ertl's improved estimator from the histogram of register values {@code 0..q+1}. */
  static double estimate(int[] histogram, int m, int q) {
    if (histogram[0] == m) {
      return 0;
    }
    double z = m * tau((m - histogram[q + 1]) / (double) m);
    for (int k = q; k >= 1; k--) {
      z = 0.5 * (z + histogram[k]);
    }
    z += m * sigma(histogram[0] / (double) m);
    return m / (2 * Math.log(2)) * m / z;
  }

  private static double sigma(double x) {
    if (x == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double y = 1;
    double z = x;
    double previous;
    do {
      x *= x;
      previous = z;
      z += x * y;
      y += y;
    } while (z != previous);
    return z;
  }

  private static double tau(double x) {
    if (x == 0 || x == 1) {
      return 0;
    }
    double y = 1;
    double z = 1 - x;
    double previous;
    do {
      x = Math.sqrt(x);
      previous = z;
      y *= 0.5;
      z -= (1 - x) * (1 - x) * y;
    } while (z != previous);
    return z / 3;
  }
}
