package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code orderBy} keys over the child's columns. As in Spark, a key may also name a column that an
 * immediately preceding {@code select} dropped: the select then carries it to the sort, and a select above
 * the sort drops it again.
 */
final class SortResolver {
  private final Analyzer analyzer;

  SortResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.Sort s, ResolvedPlan child) {
    try {
      List<SortKey> keys = keys(s.order(), analyzer.scope(child.output()));
      return new ResolvedPlan.Sort(keys, Analyzer.through(child.output(), s.planId()), child);
    } catch (AnalysisException e) {
      if (!(child instanceof ResolvedPlan.Project p) || !e.errorClass().startsWith("UNRESOLVED_COLUMN")) {
        throw e;
      }
      return throughProject(s, p, e);
    }
  }

  private ResolvedPlan throughProject(LogicalPlan.Sort s, ResolvedPlan.Project p, AnalysisException original) {
    Scope below = analyzer.scope(p.child().output());
    Scope above = analyzer.scope(p.output());
    List<Expression> exprs = new ArrayList<>(p.exprs());
    List<Attr> out = new ArrayList<>(p.output());
    List<SortKey> keys = new ArrayList<>();
    for (LogicalExpr.SortOrder o : s.order()) {
      if (o.child() instanceof LogicalExpr.UnresolvedColumn c && !resolves(above, c)) {
        if (!resolves(below, c)) {
          throw original;
        }
        int idx = below.indexOf(c.name(), c.planId());
        exprs.add(Exprs.ref(p.child().output(), idx));
        out.add(p.child().output().get(idx));
        keys.add(new SortKey(Exprs.ref(out, out.size() - 1), o.ascending(), o.nullsFirst()));
      } else {
        keys.add(keys(List.of(o), above).get(0));
      }
    }
    ResolvedPlan.Project widened = new ResolvedPlan.Project(exprs, out, p.child());
    ResolvedPlan sort = new ResolvedPlan.Sort(keys, Analyzer.through(out, s.planId()), widened);
    List<Attr> visible = Analyzer.through(p.output(), s.planId());
    return new ResolvedPlan.Project(Exprs.refs(p.output()), visible, sort);
  }

  private static boolean resolves(Scope scope, LogicalExpr.UnresolvedColumn c) {
    try {
      scope.indexOf(c.name(), c.planId());
      return true;
    } catch (AnalysisException e) {
      return false;
    }
  }

  private static List<SortKey> keys(List<LogicalExpr.SortOrder> order, Scope scope) {
    ExprResolver r = ExprResolver.plain(scope, c -> new AnalysisException("MISSING_GROUP_BY",
        "The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using"
            + " OVER clauses."));
    List<SortKey> keys = new ArrayList<>();
    for (LogicalExpr.SortOrder o : order) {
      keys.add(new SortKey(r.resolve(o.child()), o.ascending(), o.nullsFirst()));
    }
    return keys;
  }
}
