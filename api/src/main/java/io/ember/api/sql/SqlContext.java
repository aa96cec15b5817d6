package io.ember.api.sql;

import io.ember.api.logical.LogicalPlan;
import java.time.ZoneId;
import java.util.List;

/**
 * What translating SQL needs from the session: its temp views, the columns of a plan, set operations, its time
 * zone.
 */
public interface SqlContext {
  /**
   * The plan of the temp view {@code name}.
   *
   * @throws io.ember.core.errors.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is none
   */
  LogicalPlan lookupTable(String name);

  /** The output column names of {@code plan} (analyzing it). */
  List<String> columnNames(LogicalPlan plan);

  /**
   * The plan of {@code left INTERSECT [ALL] right} ({@code intersect}) or {@code left EXCEPT [ALL] right}, as the
   * DataFrame API's {@code intersect}, {@code intersectAll}, {@code subtract} and {@code exceptAll} plan them.
   *
   * @throws io.ember.core.errors.AnalysisException {@code NUM_COLUMNS_MISMATCH} when the widths differ
   */
  LogicalPlan setOperation(LogicalPlan left, LogicalPlan right, boolean intersect, boolean all);

  /** The zone {@code TIMESTAMP '...'} literals are read in. */
  ZoneId timeZone();
}
