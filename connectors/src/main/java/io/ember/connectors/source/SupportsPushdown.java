package io.ember.connectors.source;

import io.ember.core.expr.Expression;
import java.util.List;

/**
 * A source that can read only some columns and skip rows early. The optimizer calls these before the
 * job runs; a source that does not implement this interface is read whole and filtered afterwards.
 */
public interface SupportsPushdown extends Source {
  /** A source reading only the given columns of {@link #schema()}, in that order. */
  Source withColumns(int[] columnIndices);

  /**
   * A source that drops rows failing {@code filters} (bound to {@link #schema()}) as it reads. The
   * source must apply them exactly; the planner then does not filter again.
   */
  Source withFilters(List<Expression> filters);
}
