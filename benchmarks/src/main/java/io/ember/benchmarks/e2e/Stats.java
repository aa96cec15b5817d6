package io.ember.benchmarks.e2e;

import java.util.Arrays;
import java.util.List;

/**
 * Minimum, median and maximum of some figures. The median of an even count is the mean of the middle two.
 */
public record Stats(double min, double median, double max, int count) {
  /** The stats of {@code values}; all NaN when there are none. */
  public static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Stats(v[0], median, v[n - 1], n);
  }

  /** {@code min / median / max} with {@code decimals} decimals. */
  public String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(f + " / " + f + " / " + f, min, median, max);
  }
}
