package io.ember.api.expressions;

import io.ember.api.Column;
import io.ember.api.functions;
import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.operators.analytic.WindowFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A window specification, as Spark's {@code WindowSpec}: how rows are partitioned, ordered within a
 * partition, and which frame of the partition a function sees. Immutable; each method returns a new spec.
 * Build it with {@link Window} and use it with {@link Column#over(WindowSpec)}.
 */
public final class WindowSpec {
  private final LogicalExpr.WindowDefinition definition;

  WindowSpec(LogicalExpr.WindowDefinition definition) {
    this.definition = definition;
  }

  /** The logical definition this spec builds. */
  public LogicalExpr.WindowDefinition definition() {
    return definition;
  }

  public WindowSpec partitionBy(String... colNames) {
    return partitionBy(Arrays.stream(colNames).map(functions::col).toArray(Column[]::new));
  }

  /** Partitions by {@code cols}, replacing any partitioning set before. */
  public WindowSpec partitionBy(Column... cols) {
    List<LogicalExpr> exprs = new ArrayList<>();
    for (Column c : cols) {
      exprs.add(c.expr());
    }
    return new WindowSpec(new LogicalExpr.WindowDefinition(exprs, definition.orderBy(), definition.frame()));
  }

  public WindowSpec orderBy(String... colNames) {
    return orderBy(Arrays.stream(colNames).map(functions::col).toArray(Column[]::new));
  }

  /** Orders by {@code cols} (ascending with nulls first unless a column says otherwise), replacing any order. */
  public WindowSpec orderBy(Column... cols) {
    List<LogicalExpr.SortOrder> order = new ArrayList<>();
    for (Column c : cols) {
      order.add(c.expr() instanceof LogicalExpr.SortOrder s ? s : new LogicalExpr.SortOrder(c.expr(), true, true));
    }
    return new WindowSpec(new LogicalExpr.WindowDefinition(definition.partitionBy(), order, definition.frame()));
  }

  /**
   * A ROWS frame from {@code start} to {@code end} rows relative to the current row ({@link Window#currentRow()}
   * 0, negative preceding, positive following, {@link Window#unboundedPreceding()} and
   * {@link Window#unboundedFollowing()} for the partition's ends).
   */
  public WindowSpec rowsBetween(long start, long end) {
    return withFrame(true, start, end);
  }

  /**
   * A RANGE frame: rows whose order key is within {@code start} .. {@code end} of the current row's (peers of
   * the current row included at {@link Window#currentRow()}). Offsets need a single numeric, date (days) or
   * timestamp (microseconds) order key.
   */
  public WindowSpec rangeBetween(long start, long end) {
    return withFrame(false, start, end);
  }

  private WindowSpec withFrame(boolean rows, long start, long end) {
    long s = start <= Window.unboundedPreceding() ? WindowFrame.UNBOUNDED_PRECEDING : start;
    long e = end >= Window.unboundedFollowing() ? WindowFrame.UNBOUNDED_FOLLOWING : end;
    if (s == WindowFrame.UNBOUNDED_FOLLOWING || e == WindowFrame.UNBOUNDED_PRECEDING
        || s != WindowFrame.UNBOUNDED_PRECEDING && e != WindowFrame.UNBOUNDED_FOLLOWING && s > e) {
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_FRAME_BOUNDS", "Cannot resolve the frame "
          + (rows ? "ROWS" : "RANGE") + " BETWEEN " + start + " AND " + end + ": the lower bound must not be"
          + " greater than the upper bound, nor unbounded following, and the upper bound not unbounded preceding.");
    }
    return new WindowSpec(new LogicalExpr.WindowDefinition(definition.partitionBy(), definition.orderBy(),
        new WindowFrame(rows, s, e)));
  }

  @Override
  public String toString() {
    return definition.toString();
  }
}
