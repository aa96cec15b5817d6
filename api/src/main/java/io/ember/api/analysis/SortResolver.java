package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
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
      Expression key = r.resolve(o.child());
      if (ExtractValues.containsMap(key.dataType())) {
        throw new AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE", "Cannot resolve \"" + o.prettyName()
            + "\" due to data type mismatch: The `sortorder` does not support ordering on type "
            + io.ember.core.expr.ExpressionErrors.sqlType(key.dataType()) + ".");
      }
      keys.add(new SortKey(key, o.ascending(), o.nullsFirst()));
    }
    return new ResolvedPlan.Sort(keys, Analyzer.through(child.output(), s.planId()), child);
  }
}
