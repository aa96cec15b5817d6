package io.ember.api.sql;

import io.ember.api.logical.LogicalPlan;
import java.time.ZoneId;
import java.util.List;

/** What translating SQL needs from the session: its temp views, the columns of a plan, its time zone. */
public interface SqlContext {
  /**
   * The plan of the temp view {@code name}.
   *
   * @throws io.ember.core.errors.AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} when there is none
   */
  LogicalPlan lookupTable(String name);

  /** The output column names of {@code plan} (analyzing it). */
  List<String> columnNames(LogicalPlan plan);

  /** The zone {@code TIMESTAMP '...'} literals are read in. */
  ZoneId timeZone();
}
