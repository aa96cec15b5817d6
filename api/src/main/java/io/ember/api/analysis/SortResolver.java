package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code orderBy} keys over the child's columns. As in Spark, a key may also name a column that an
 * immediately preceding {@code select} dropped ({@link MissingColumns}).
 */
final class SortResolver {
  private final Analyzer analyzer;

  SortResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.Sort s, ResolvedPlan child) {
    try {
      return sort(s, child);
    } catch (AnalysisException e) {
      ResolvedPlan.Project widened = child instanceof ResolvedPlan.Project p && MissingColumns.isUnresolved(e)
          ? MissingColumns.widen(p, s.order(), analyzer) : null;
      if (widened == null) {
        throw e;
      }
      return MissingColumns.dropAgain(sort(s, widened), child.output(), s.planId());
    }
  }

  private ResolvedPlan sort(LogicalPlan.Sort s, ResolvedPlan child) {
    ExprResolver r = ExprResolver.plain(analyzer.scope(child.output()), c -> new AnalysisException("MISSING_GROUP_BY",
        "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using"
            + " OVER clauses."));
    List<SortKey> keys = new ArrayList<>();
    for (LogicalExpr.SortOrder o : s.order()) {
      keys.add(new SortKey(r.resolve(o.child()), o.ascending(), o.nullsFirst()));
    }
    return new ResolvedPlan.Sort(keys, Analyzer.through(child.output(), s.planId()), child);
  }
}
