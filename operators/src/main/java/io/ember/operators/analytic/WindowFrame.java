package io.ember.operators.analytic;

import io.ember.core.errors.EmberIllegalArgumentException;

/**
 * A window frame, as Spark's {@code rowsBetween(start, end)} / {@code rangeBetween(start, end)}: the rows of
 * the partition that a function sees for the current row. {@code start} and {@code end} are offsets from the
 * current row: {@link #UNBOUNDED_PRECEDING}, {@link #UNBOUNDED_FOLLOWING}, {@link #CURRENT_ROW} (0), a
 * negative number of rows (ROWS) or of order-key units (RANGE) preceding, a positive number following.
 * In a RANGE frame, {@code CURRENT ROW} includes the current row's peers (rows with equal order keys).
 *
 * @param rows true for a ROWS frame, false for RANGE
 * @param start the lower bound
 * @param end the upper bound
 */
public record WindowFrame(boolean rows, long start, long end) {
  public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;
  public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;
  public static final long CURRENT_ROW = 0;

  /** Spark's default frame with an ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
  public static final WindowFrame RUNNING = new WindowFrame(false, UNBOUNDED_PRECEDING, CURRENT_ROW);
  /** Spark's default frame without ORDER BY: the whole partition. */
  public static final WindowFrame WHOLE_PARTITION = new WindowFrame(true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING);
  /** The frame ranking functions require: ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
  public static final WindowFrame ROWS_TO_CURRENT = new WindowFrame(true, UNBOUNDED_PRECEDING, CURRENT_ROW);

  public WindowFrame {
    if (start == UNBOUNDED_FOLLOWING || end == UNBOUNDED_PRECEDING) {
      throw new EmberIllegalArgumentException("INVALID_BOUNDARY", "The frame boundary " + (start == UNBOUNDED_FOLLOWING
          ? "start cannot be UNBOUNDED FOLLOWING" : "end cannot be UNBOUNDED PRECEDING") + ".");
    }
  }

  /** True when both bounds are unbounded or current row (no offsets). */
  public boolean hasOffsets() {
    return !(start == UNBOUNDED_PRECEDING || start == CURRENT_ROW) || !(end == UNBOUNDED_FOLLOWING || end == CURRENT_ROW);
  }

  /** Spark's rendering, e.g. {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}. */
  public String sql() {
    return (rows ? "ROWS" : "RANGE") + " BETWEEN " + bound(start) + " AND " + bound(end);
  }

  private static String bound(long b) {
    if (b == UNBOUNDED_PRECEDING) {
      return "UNBOUNDED PRECEDING";
    } else if (b == UNBOUNDED_FOLLOWING) {
      return "UNBOUNDED FOLLOWING";
    } else if (b == CURRENT_ROW) {
      return "CURRENT ROW";
    }
    return b < 0 ? -b + " PRECEDING" : b + " FOLLOWING";
  }
}
