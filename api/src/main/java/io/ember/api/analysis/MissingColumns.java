package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's resolution of missing references for {@code filter} and {@code orderBy}: a column that the
 * immediately preceding {@code select} dropped is carried through that select (widened with the missing
 * columns of its input), so that the clause can read it; a select above then drops it again.
 */
final class MissingColumns {
  private MissingColumns() {}

  /**
   * {@code p} widened with the columns {@code exprs} name that {@code p}'s output lacks but its input has
   * (looking through a filter over another select, as a previous widening leaves), or null when there are
   * none or one resolves nowhere.
   */
  static ResolvedPlan.Project widen(ResolvedPlan.Project p, List<? extends LogicalExpr> exprs, Analyzer analyzer) {
    Scope above = analyzer.scope(p.output());
    List<LogicalExpr.UnresolvedColumn> missing = new ArrayList<>();
    for (LogicalExpr.UnresolvedColumn c : columns(exprs)) {
      if (!resolves(above, c)) {
        missing.add(c);
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    ResolvedPlan input = p.child();
    if (!allResolve(analyzer.scope(input.output()), missing) && input instanceof ResolvedPlan.Filter f
        && f.child() instanceof ResolvedPlan.Project q) {
      ResolvedPlan.Project wider = widen(q, missing, analyzer);
      if (wider == null) {
        return null;
      }
      input = new ResolvedPlan.Filter(f.conjuncts(), wider.output(), wider);
    }
    Scope below = analyzer.scope(input.output());
    if (!allResolve(below, missing)) {
      return null;
    }
    List<Expression> cols = new ArrayList<>(p.exprs());
    List<Attr> out = new ArrayList<>(p.output());
    for (LogicalExpr.UnresolvedColumn c : missing) {
      int idx = Exprs.references(below.resolveExpr(c.name(), c.planId())).nextSetBit(0);
      Expression ref = Exprs.ref(input.output(), idx);
      if (!cols.contains(ref)) {
        cols.add(ref);
        out.add(input.output().get(idx));
      }
    }
    return new ResolvedPlan.Project(cols, out, input);
  }

  private static boolean allResolve(Scope scope, List<LogicalExpr.UnresolvedColumn> cols) {
    for (LogicalExpr.UnresolvedColumn c : cols) {
      if (!resolves(scope, c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code inner}, whose output starts with {@code visible}'s columns, projected back to them. */
  static ResolvedPlan dropAgain(ResolvedPlan inner, List<Attr> visible, long planId) {
    return new ResolvedPlan.Project(Exprs.refs(visible), Analyzer.through(visible, planId), inner);
  }

  static boolean isUnresolved(AnalysisException e) {
    return e.errorClass() != null && e.errorClass().startsWith("UNRESOLVED_COLUMN");
  }

  private static List<LogicalExpr.UnresolvedColumn> columns(List<? extends LogicalExpr> exprs) {
    List<LogicalExpr.UnresolvedColumn> out = new ArrayList<>();
    for (LogicalExpr e : exprs) {
      collect(e, out);
    }
    return out;
  }

  private static void collect(LogicalExpr e, List<LogicalExpr.UnresolvedColumn> out) {
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      out.add(c);
    }
    for (LogicalExpr child : e.children()) {
      collect(child, out);
    }
  }

  private static boolean resolves(Scope scope, LogicalExpr.UnresolvedColumn c) {
    try {
      scope.resolveExpr(c.name(), c.planId());
      return true;
    } catch (AnalysisException e) {
      return false;
    }
  }
}
