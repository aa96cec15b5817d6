package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spark's hidden keys of a USING or NATURAL join (SPARK-34527). Such a join outputs each key once (the left side's
 * for inner and left outer joins, the right side's for a right outer join, their coalesce, unqualified, for a full
 * outer join), yet both sides' key columns stay addressable by their qualified names ({@code x.id}) in the select
 * list and GROUP BY above the join, through any filters and sorts between them, and never by an unqualified name
 * or a star.
 *
 * <p>The join's projection ({@link JoinResolver}) marks its output columns with a mark of its own, a negative plan
 * id that no logical plan has. When a select or an aggregation names a column its input lacks, {@link #expose}
 * finds that projection below, adds the hidden keys the expressions name to its output (and to the filters and
 * sorts above it), and tags the columns so that every name still resolves to what it resolved to before: the
 * visible columns by their usual rules, the added keys by their qualified names only.
 */
final class UsingJoinKeys {
  private static final AtomicLong MARKS = new AtomicLong();

  private UsingJoinKeys() {}

  /** A fresh mark for the output columns of one USING join's projection. */
  static long newMark() {
    return MARKS.decrementAndGet();
  }

  /** An input with hidden join keys added to its output, and the expressions to resolve over it instead. */
  record Exposed(ResolvedPlan input, List<LogicalExpr> exprs) {}

  /**
   * {@code child} with the hidden join keys that {@code exprs} name by qualified names added after its columns,
   * and {@code exprs} rewritten to resolve over it; null when the expressions name no such key (the caller then
   * reports its own error).
   */
  static Exposed expose(ResolvedPlan child, List<LogicalExpr> exprs, Analyzer analyzer) {
    Scope visible = analyzer.scope(child.output());
    List<LogicalExpr.UnresolvedColumn> missing = new ArrayList<>();
    for (LogicalExpr e : exprs) {
      collectMissing(e, visible, missing);
    }
    if (missing.isEmpty()) {
      return null;
    }
    ResolvedPlan widened = widen(child, missing, analyzer);
    if (widened == null) {
      return null;
    }
    int n = child.output().size();
    long visibleTag = PlanIds.next();
    long hiddenTag = PlanIds.next();
    long[] columnTags = new long[n];
    List<Attr> tagged = new ArrayList<>();
    for (int i = 0; i < widened.output().size(); i++) {
      Attr a = widened.output().get(i);
      if (i < n) {
        columnTags[i] = PlanIds.next();
        tagged.add(a.through(visibleTag).through(columnTags[i]));
      } else {
        tagged.add(a.through(hiddenTag));
      }
    }
    ResolvedPlan input = new ResolvedPlan.Project(Exprs.refs(widened.output()), tagged, widened);
    List<LogicalExpr> rewritten = new ArrayList<>();
    for (LogicalExpr e : exprs) {
      if (e instanceof LogicalExpr.Star s) {
        for (int i : visible.qualified(s.qualifier())) {
          rewritten.add(new LogicalExpr.UnresolvedColumn("`" + child.output().get(i).name().replace("`", "``") + "`",
              columnTags[i]));
        }
      } else {
        rewritten.add(retag(e, visible, visibleTag, hiddenTag));
      }
    }
    return new Exposed(input, rewritten);
  }

  /**
   * {@code plan} (a USING join's projection, or filters and sorts over one) with the hidden keys {@code missing}
   * names appended to its output; null when there is no such projection or a name is not one of its keys.
   */
  private static ResolvedPlan widen(ResolvedPlan plan, List<LogicalExpr.UnresolvedColumn> missing,
      Analyzer analyzer) {
    if (plan instanceof ResolvedPlan.Filter f) {
      ResolvedPlan in = widen(f.child(), missing, analyzer);
      return in == null ? null : new ResolvedPlan.Filter(f.conjuncts(), extend(f.output(), f.child(), in), in);
    }
    if (plan instanceof ResolvedPlan.Sort s) {
      ResolvedPlan in = widen(s.child(), missing, analyzer);
      return in == null ? null : new ResolvedPlan.Sort(s.keys(), extend(s.output(), s.child(), in), in);
    }
    if (plan instanceof ResolvedPlan.Project p && (p.child() instanceof ResolvedPlan.Filter
        || p.child() instanceof ResolvedPlan.Sort) && isPrefix(p)) { // a filter's or sort's widening dropped again
      ResolvedPlan in = widen(p.child(), missing, analyzer);
      if (in == null) {
        return null;
      }
      List<Expression> exprs = new ArrayList<>(p.exprs());
      for (int i = p.child().output().size(); i < in.output().size(); i++) {
        exprs.add(Exprs.ref(in.output(), i));
      }
      return new ResolvedPlan.Project(exprs, extend(p.output(), p.child(), in), in);
    }
    if (!(plan instanceof ResolvedPlan.Project p) || !isUsingProjection(p)) {
      return null;
    }
    List<Attr> joined = p.child().output();
    Scope below = analyzer.scope(joined);
    List<Expression> exprs = new ArrayList<>(p.exprs());
    List<Attr> out = new ArrayList<>(p.output());
    for (LogicalExpr.UnresolvedColumn c : missing) {
      int index;
      try {
        index = below.indexOf(c.name(), c.planId());
      } catch (AnalysisException e) {
        return null;
      }
      Expression ref = Exprs.ref(joined, index);
      if (!exprs.subList(p.exprs().size(), exprs.size()).contains(ref)) {
        exprs.add(ref);
        out.add(joined.get(index));
      }
    }
    return new ResolvedPlan.Project(exprs, out, p.child());
  }

  /** Whether {@code p} reads its input's first columns, in order, as they are. */
  private static boolean isPrefix(ResolvedPlan.Project p) {
    for (int i = 0; i < p.exprs().size(); i++) {
      if (!(p.exprs().get(i) instanceof io.ember.core.expr.ColumnRef c) || c.index() != i) {
        return false;
      }
    }
    return true;
  }

  /** {@code output} followed by the columns {@code widened} has beyond those of {@code before}. */
  private static List<Attr> extend(List<Attr> output, ResolvedPlan before, ResolvedPlan widened) {
    List<Attr> out = new ArrayList<>(output);
    out.addAll(widened.output().subList(before.output().size(), widened.output().size()));
    return out;
  }

  /** Whether {@code p} is a USING join's projection: its columns carry a mark its join's columns lack. */
  private static boolean isUsingProjection(ResolvedPlan.Project p) {
    if (!(p.child() instanceof ResolvedPlan.Join j) || p.output().isEmpty() || j.output().isEmpty()) {
      return false;
    }
    Set<Long> marks = new HashSet<>();
    for (long id : p.output().get(0).planIds()) {
      if (id < 0) {
        marks.add(id);
      }
    }
    marks.removeAll(j.output().get(0).planIds());
    return !marks.isEmpty();
  }

  /** Qualified names (or names of a DataFrame's column) that do not resolve over the visible columns. */
  private static void collectMissing(LogicalExpr e, Scope visible, List<LogicalExpr.UnresolvedColumn> out) {
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      if (!resolves(visible, c) && (c.planId() != null || Scope.nameParts(c.name()).size() > 1)) {
        out.add(c);
      }
      return;
    }
    if (e instanceof LogicalExpr.WindowExpression w) {
      collectMissing(w.function(), visible, out);
      w.window().partitionBy().forEach(p -> collectMissing(p, visible, out));
      w.window().orderBy().forEach(o -> collectMissing(o, visible, out));
      return;
    }
    for (LogicalExpr child : e.children()) {
      collectMissing(child, visible, out);
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

  /**
   * {@code e} with each column without a plan id tagged: {@code visibleTag} when it resolves over the visible
   * columns, {@code hiddenTag} when it names a hidden key.
   */
  private static LogicalExpr retag(LogicalExpr e, Scope visible, long visibleTag, long hiddenTag) {
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      if (c.planId() != null) {
        return c;
      }
      return new LogicalExpr.UnresolvedColumn(c.name(), resolves(visible, c) ? visibleTag : hiddenTag);
    } else if (e instanceof LogicalExpr.Call c) {
      return new LogicalExpr.Call(c.name(), retagAll(c.args(), visible, visibleTag, hiddenTag), c.distinct());
    } else if (e instanceof LogicalExpr.UserFunction u) {
      return new LogicalExpr.UserFunction(u.name(), retagAll(u.args(), visible, visibleTag, hiddenTag), u.binder());
    } else if (e instanceof LogicalExpr.Operator o) {
      return new LogicalExpr.Operator(o.op(), retagAll(o.args(), visible, visibleTag, hiddenTag));
    } else if (e instanceof LogicalExpr.Cast c) {
      return new LogicalExpr.Cast(retag(c.child(), visible, visibleTag, hiddenTag), c.to());
    } else if (e instanceof LogicalExpr.Alias a) {
      return new LogicalExpr.Alias(retag(a.child(), visible, visibleTag, hiddenTag), a.name());
    } else if (e instanceof LogicalExpr.CaseWhen c) {
      return new LogicalExpr.CaseWhen(retagAll(c.conditions(), visible, visibleTag, hiddenTag),
          retagAll(c.values(), visible, visibleTag, hiddenTag),
          c.otherwise() == null ? null : retag(c.otherwise(), visible, visibleTag, hiddenTag));
    } else if (e instanceof LogicalExpr.SortOrder s) {
      return retagOrder(s, visible, visibleTag, hiddenTag);
    } else if (e instanceof LogicalExpr.WindowExpression w) {
      List<LogicalExpr.SortOrder> order = new ArrayList<>();
      for (LogicalExpr.SortOrder o : w.window().orderBy()) {
        order.add(retagOrder(o, visible, visibleTag, hiddenTag));
      }
      return new LogicalExpr.WindowExpression(retag(w.function(), visible, visibleTag, hiddenTag),
          new LogicalExpr.WindowDefinition(retagAll(w.window().partitionBy(), visible, visibleTag, hiddenTag), order,
              w.window().frame()));
    } else if (e instanceof LogicalExpr.SubqueryExpression s) {
      return s.withValues(retagAll(s.values(), visible, visibleTag, hiddenTag));
    }
    return e;
  }

  private static LogicalExpr.SortOrder retagOrder(LogicalExpr.SortOrder s, Scope visible, long visibleTag,
      long hiddenTag) {
    return new LogicalExpr.SortOrder(retag(s.child(), visible, visibleTag, hiddenTag), s.ascending(),
        s.nullsFirst());
  }

  private static List<LogicalExpr> retagAll(List<LogicalExpr> es, Scope visible, long visibleTag, long hiddenTag) {
    List<LogicalExpr> out = new ArrayList<>(es.size());
    for (LogicalExpr e : es) {
      out.add(retag(e, visible, visibleTag, hiddenTag));
    }
    return out;
  }
}
