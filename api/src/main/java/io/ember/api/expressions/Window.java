package io.ember.api.expressions;

import io.ember.api.Column;
import io.ember.api.logical.LogicalExpr;
import io.ember.operators.analytic.WindowFrame;

/**
 * Entry points for {@link WindowSpec}s, as Spark's {@code Window}:
 * {@code Window.partitionBy("dept").orderBy(col("salary").desc())}. Without {@code rowsBetween} or
 * {@code rangeBetween} a window has Spark's default frame: with an order, RANGE BETWEEN UNBOUNDED PRECEDING
 * AND CURRENT ROW (ties of the current row included); without, the whole partition.
 */
public final class Window {
  private Window() {}

  /** The value of {@code rowsBetween}/{@code rangeBetween} bounds meaning the partition's first row. */
  public static long unboundedPreceding() {
    return WindowFrame.UNBOUNDED_PRECEDING;
  }

  /** The value of bounds meaning the partition's last row. */
  public static long unboundedFollowing() {
    return WindowFrame.UNBOUNDED_FOLLOWING;
  }

  /** The value of bounds meaning the current row (with its peers, in a RANGE frame). */
  public static long currentRow() {
    return WindowFrame.CURRENT_ROW;
  }

  private static WindowSpec empty() {
    return new WindowSpec(LogicalExpr.WindowDefinition.EMPTY);
  }

  public static WindowSpec partitionBy(String... colNames) {
    return empty().partitionBy(colNames);
  }

  public static WindowSpec partitionBy(Column... cols) {
    return empty().partitionBy(cols);
  }

  public static WindowSpec orderBy(String... colNames) {
    return empty().orderBy(colNames);
  }

  public static WindowSpec orderBy(Column... cols) {
    return empty().orderBy(cols);
  }

  public static WindowSpec rowsBetween(long start, long end) {
    return empty().rowsBetween(start, end);
  }

  public static WindowSpec rangeBetween(long start, long end) {
    return empty().rangeBetween(start, end);
  }
}
