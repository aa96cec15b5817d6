package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.operators.aggregate.AggregateFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Takes the correlated predicates out of a subquery, as Spark's {@code PullupCorrelatedPredicates} does: a
 * conjunct of a WHERE (or HAVING) inside the subquery that reads a column of the enclosing query leaves the
 * subquery and becomes a join condition. The inner columns such a predicate reads are added to the subquery's
 * output under generated names ({@code __corr_<id>_<n>}), and to the grouping of an aggregate above the
 * predicate (so {@code SELECT max(b) FROM t2 WHERE t2.k = t1.k} becomes {@code SELECT max(b), k GROUP BY k}).
 *
 * <p>Correlated predicates are taken from filters reached through projections, aggregates, filters, aliases,
 * DISTINCT and ORDER BY; under an aggregate only equalities between inner and outer expressions may be
 * correlated ({@code CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE}, as in Spark). An outer column anywhere else
 * in the subquery is refused with {@code UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE}.
 */
final class Decorrelator {
  /**
   * A subquery without its correlated predicates. {@code plan} outputs the subquery's columns and the columns
   * {@code corrNames}; {@code predicates} read those names and the outer query's columns. {@code aggregated}
   * when an aggregate sits above the predicates, then {@code presence} names a column that is never null in
   * the aggregate's rows, and {@code empty} is the subquery over no input rows (what an outer row without a
   * matching group gets: the count bug), null when there is no aggregate.
   */
  record Result(LogicalPlan plan, List<LogicalExpr> predicates, List<String> corrNames, boolean aggregated,
      String presence, LogicalPlan empty) {
    boolean correlated() {
      return !predicates.isEmpty();
    }
  }

  /** A plan as pulled, and the same plan over no input rows once an aggregate is reached (else null). */
  private record Pulled(LogicalPlan plan, LogicalPlan empty) {}

  private final Analyzer analyzer;
  private final Scope outer;
  private final long id;
  private final List<LogicalExpr> predicates = new ArrayList<>();
  private final List<LogicalExpr> original = new ArrayList<>();
  private final List<String> corrNames = new ArrayList<>();
  private boolean aggregated;
  private String presence;

  Decorrelator(Analyzer analyzer, Scope outer, long id) {
    this.analyzer = analyzer;
    this.outer = outer;
    this.id = id;
  }

  Result decorrelate(LogicalPlan subquery) {
    Pulled p = pull(subquery);
    return new Result(p.plan(), List.copyOf(predicates), List.copyOf(corrNames), aggregated, presence, p.empty());
  }

  /**
   * The resolved plan of a decorrelated subquery; an outer column left in it (outside the WHERE clause) is
   * {@code CORRELATED_REFERENCE}.
   */
  ResolvedPlan analyze(LogicalPlan plan) {
    try {
      return analyzer.analyze(plan);
    } catch (AnalysisException e) {
      String name = unresolvedName(e);
      if (name != null && resolves(outer, new LogicalExpr.UnresolvedColumn(name, null))) {
        throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
            "Unsupported subquery expression: Expressions referencing the outer query are not supported outside of"
                + " WHERE/HAVING clauses: `" + name + "`.");
      }
      throw e;
    }
  }

  private static String unresolvedName(AnalysisException e) {
    if (e.errorClass() == null || !e.errorClass().startsWith("UNRESOLVED_COLUMN")) {
      return null;
    }
    String msg = e.getMessage();
    String marker = "with name `";
    int start = msg.indexOf(marker);
    int end = msg.indexOf("` cannot be resolved");
    return start < 0 || end < start ? null : msg.substring(start + marker.length(), end);
  }

  private Pulled pull(LogicalPlan p) {
    if (p instanceof LogicalPlan.Filter f) {
      return filter(f);
    }
    if (p instanceof LogicalPlan.Project pr) {
      Pulled child = pull(pr.child());
      if (corrNames.isEmpty()) {
        return new Pulled(child.plan() == pr.child() ? pr : new LogicalPlan.Project(pr.planId(), pr.projections(),
            child.plan()), child.empty() == null ? null : new LogicalPlan.Project(pr.planId(), pr.projections(),
            child.empty()));
      }
      if (child.empty() == null && pr.projections().stream().anyMatch(ProjectResolver::hasAggregate)) {
        return aggregate(pr.planId(), List.of(), pr.projections(), child.plan(), true);
      }
      if (pr.projections().stream().anyMatch(WindowResolver::hasWindow)) {
        throw notAllowed("window functions over a correlated subquery");
      }
      List<LogicalExpr> items = new ArrayList<>(pr.projections());
      if (!items.contains(new LogicalExpr.Star(null))) {
        items.addAll(corrColumns());
      }
      return new Pulled(new LogicalPlan.Project(pr.planId(), items, child.plan()),
          child.empty() == null ? null : new LogicalPlan.Project(pr.planId(), pr.projections(), child.empty()));
    }
    if (p instanceof LogicalPlan.Aggregate a) {
      Pulled child = pull(a.child());
      if (corrNames.isEmpty() || child.empty() != null) {
        return new Pulled(new LogicalPlan.Aggregate(a.planId(), a.grouping(), a.aggregates(), child.plan()),
            child.empty() == null ? null
                : new LogicalPlan.Aggregate(a.planId(), a.grouping(), a.aggregates(), child.empty()));
      }
      return aggregate(a.planId(), a.grouping(), a.aggregates(), child.plan(), false);
    }
    if (p instanceof LogicalPlan.SubqueryAlias s) {
      Pulled child = pull(s.child());
      return new Pulled(new LogicalPlan.SubqueryAlias(s.planId(), s.alias(), child.plan()),
          child.empty() == null ? null : new LogicalPlan.SubqueryAlias(s.planId(), s.alias(), child.empty()));
    }
    if (p instanceof LogicalPlan.Deduplicate d) {
      Pulled child = pull(d.child());
      List<String> keys = new ArrayList<>(d.keys());
      if (!keys.isEmpty()) {
        keys.addAll(corrNames);
      }
      return new Pulled(new LogicalPlan.Deduplicate(d.planId(), keys, child.plan(), d.distinct()),
          child.empty() == null ? null : new LogicalPlan.Deduplicate(d.planId(), d.keys(), child.empty(), d.distinct()));
    }
    if (p instanceof LogicalPlan.Sort s) {
      Pulled child = pull(s.child());
      return new Pulled(new LogicalPlan.Sort(s.planId(), s.order(), child.plan()),
          child.empty() == null ? null : new LogicalPlan.Sort(s.planId(), s.order(), child.empty()));
    }
    if (p instanceof LogicalPlan.Limit l) {
      Pulled child = pull(l.child());
      if (!corrNames.isEmpty()) {
        throw notAllowed("LIMIT or OFFSET above correlated predicates");
      }
      return new Pulled(new LogicalPlan.Limit(l.planId(), l.limit(), l.offset(), child.plan()),
          child.empty() == null ? null : new LogicalPlan.Limit(l.planId(), l.limit(), l.offset(), child.empty()));
    }
    return new Pulled(p, null);
  }

  /**
   * An aggregate (or a select of aggregates) above correlated predicates: grouped by their inner columns, which
   * it outputs, plus a count that marks its rows; the empty form is the original aggregate over no rows.
   */
  private Pulled aggregate(long planId, List<LogicalExpr> grouping, List<LogicalExpr> items, LogicalPlan child,
      boolean project) {
    requireEqualities("");
    aggregated = true;
    presence = "__present_" + id;
    List<LogicalExpr> keys = new ArrayList<>(grouping);
    keys.addAll(corrColumns());
    List<LogicalExpr> out = new ArrayList<>(items);
    out.addAll(corrColumns());
    out.add(new LogicalExpr.Alias(new LogicalExpr.Call("count",
        List.of(io.ember.api.internal.Literals.of(1)), false), presence));
    LogicalPlan noRows = new LogicalPlan.Filter(PlanIds.next(),
        io.ember.api.internal.Literals.of(false), child);
    LogicalPlan empty = project ? new LogicalPlan.Project(planId, items, noRows)
        : new LogicalPlan.Aggregate(planId, grouping, items, noRows);
    return new Pulled(new LogicalPlan.Aggregate(planId, keys, out, child), empty);
  }

  /**
   * Fails with {@code CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE} unless every correlated predicate taken out so
   * far is an equality between inner and outer expressions; {@code where} ends the message.
   */
  void requireEqualities(String where) {
    for (int i = 0; i < predicates.size(); i++) {
      if (!isEquality(predicates.get(i))) {
        throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
            "Unsupported subquery expression: Correlated column is not allowed in predicate: "
                + original.get(i).prettyName() + where + ".");
      }
    }
  }

  /** {@code inner = outer} (or {@code <=>}) with one side reading only inner and the other only outer columns. */
  private boolean isEquality(LogicalExpr pred) {
    if (!(pred instanceof LogicalExpr.Operator o) || (o.op() != Op.EQUAL && o.op() != Op.NULL_SAFE_EQUAL)) {
      return false;
    }
    LogicalExpr a = o.args().get(0);
    LogicalExpr b = o.args().get(1);
    return readsOnly(a, true) && readsOnly(b, false) || readsOnly(b, true) && readsOnly(a, false);
  }

  /** Whether {@code e} reads columns, all of them generated inner ones ({@code corr}) or none of them. */
  private boolean readsOnly(LogicalExpr e, boolean corr) {
    List<LogicalExpr.UnresolvedColumn> cols = columns(e);
    return !cols.isEmpty() && cols.stream().allMatch(c -> corrNames.contains(unquote(c.name())) == corr);
  }

  private static String unquote(String name) {
    return name.startsWith("`") && name.endsWith("`") ? name.substring(1, name.length() - 1) : name;
  }

  /** A filter: its correlated conjuncts leave, the inner columns they read are added under generated names. */
  private Pulled filter(LogicalPlan.Filter f) {
    Pulled child = pull(f.child());
    if (child.empty() != null && refersOuterAnywhere(f.condition(), child.plan())) {
      throw notAllowed("correlated predicates above an aggregate (in HAVING)");
    }
    Scope inner = analyzer.scope(analyzer.analyze(child.plan()).output());
    List<LogicalExpr> kept = new ArrayList<>();
    List<LogicalExpr> exposed = new ArrayList<>();
    for (LogicalExpr c : Analyzer.conjuncts(f.condition())) {
      if (!refersOuter(c, inner)) {
        kept.add(c);
        continue;
      }
      if (SubqueryRewriter.hasSubquery(c)) {
        throw notAllowed("a correlated predicate holding a subquery");
      }
      original.add(c);
      predicates.add(map(c, e -> {
        if (e instanceof LogicalExpr.UnresolvedColumn col && resolves(inner, col)) {
          String name = "__corr_" + id + "_" + corrNames.size();
          corrNames.add(name);
          exposed.add(new LogicalExpr.Alias(col, name));
          return new LogicalExpr.UnresolvedColumn("`" + name + "`", null);
        }
        return null;
      }));
    }
    LogicalPlan below = child.plan();
    if (!exposed.isEmpty()) {
      List<LogicalExpr> items = new ArrayList<>();
      items.add(new LogicalExpr.Star(null));
      items.addAll(exposed);
      below = new LogicalPlan.Project(PlanIds.next(), items, below);
    }
    LogicalPlan plan = kept.isEmpty() ? below
        : new LogicalPlan.Filter(f.planId(), kept.stream().reduce(Decorrelator::and).orElseThrow(), below);
    LogicalPlan empty = child.empty() == null ? null : new LogicalPlan.Filter(f.planId(), f.condition(), child.empty());
    return new Pulled(plan, empty);
  }

  private boolean refersOuterAnywhere(LogicalExpr condition, LogicalPlan child) {
    Scope inner = analyzer.scope(analyzer.analyze(child).output());
    return refersOuter(condition, inner);
  }

  /** Whether {@code e} reads a column that the inner scope does not have and the outer one does. */
  private boolean refersOuter(LogicalExpr e, Scope inner) {
    for (LogicalExpr.UnresolvedColumn c : columns(e)) {
      if (!resolves(inner, c) && resolves(outer, c)) {
        return true;
      }
    }
    return false;
  }

  static boolean resolves(Scope scope, LogicalExpr.UnresolvedColumn c) {
    try {
      scope.resolveExpr(c.name(), c.planId());
      return true;
    } catch (AnalysisException e) {
      return e.errorClass() == null || !e.errorClass().startsWith("UNRESOLVED_COLUMN");
    }
  }

  private List<LogicalExpr> corrColumns() {
    List<LogicalExpr> out = new ArrayList<>();
    for (String n : corrNames) {
      out.add(new LogicalExpr.UnresolvedColumn("`" + n + "`", null));
    }
    return out;
  }

  private static AnalysisException notAllowed(String what) {
    return new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED",
        "Unsupported subquery expression: Accessing outer query column is not allowed in this location: " + what
            + ".");
  }

  /** The column references in {@code e}, not looking into nested subqueries' plans. */
  static List<LogicalExpr.UnresolvedColumn> columns(LogicalExpr e) {
    List<LogicalExpr.UnresolvedColumn> out = new ArrayList<>();
    collect(e, out);
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

  static LogicalExpr and(LogicalExpr a, LogicalExpr b) {
    return new LogicalExpr.Operator(Op.AND, List.of(a, b));
  }

  /**
   * {@code e} rewritten bottom-up by {@code f}, which returns a replacement or null to keep the node (with its
   * children rewritten).
   */
  static LogicalExpr map(LogicalExpr e, UnaryOperator<LogicalExpr> f) {
    LogicalExpr replaced = f.apply(e);
    if (replaced != null) {
      return replaced;
    }
    if (e instanceof LogicalExpr.Call c) {
      return new LogicalExpr.Call(c.name(), mapAll(c.args(), f), c.distinct());
    } else if (e instanceof LogicalExpr.Operator o) {
      return new LogicalExpr.Operator(o.op(), mapAll(o.args(), f));
    } else if (e instanceof LogicalExpr.Cast c) {
      return new LogicalExpr.Cast(map(c.child(), f), c.to());
    } else if (e instanceof LogicalExpr.Alias a) {
      return new LogicalExpr.Alias(map(a.child(), f), a.name());
    } else if (e instanceof LogicalExpr.CaseWhen cw) {
      return new LogicalExpr.CaseWhen(mapAll(cw.conditions(), f), mapAll(cw.values(), f),
          cw.otherwise() == null ? null : map(cw.otherwise(), f));
    } else if (e instanceof LogicalExpr.UserFunction u) {
      return new LogicalExpr.UserFunction(u.name(), mapAll(u.args(), f), u.binder());
    } else if (e instanceof LogicalExpr.SortOrder so) {
      return new LogicalExpr.SortOrder(map(so.child(), f), so.ascending(), so.nullsFirst());
    } else if (e instanceof LogicalExpr.SubqueryExpression s) {
      return s.withValues(mapAll(s.values(), f));
    } else if (e instanceof LogicalExpr.WindowExpression w) {
      List<LogicalExpr.SortOrder> order = new ArrayList<>();
      for (LogicalExpr.SortOrder o : w.window().orderBy()) {
        order.add((LogicalExpr.SortOrder) map(o, f));
      }
      return new LogicalExpr.WindowExpression(map(w.function(), f), new LogicalExpr.WindowDefinition(
          mapAll(w.window().partitionBy(), f), order, w.window().frame()));
    }
    return e;
  }

  static List<LogicalExpr> mapAll(List<LogicalExpr> es, UnaryOperator<LogicalExpr> f) {
    List<LogicalExpr> out = new ArrayList<>(es.size());
    for (LogicalExpr e : es) {
      out.add(map(e, f));
    }
    return out;
  }

  static boolean isAggregateCall(LogicalExpr e) {
    return e instanceof LogicalExpr.Call c && AggregateFunctions.isAggregate(c.name());
  }
}
