package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalExpr.SubqueryExpression;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.api.logical.UserFunctionBinder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.IsNull;
import io.ember.core.types.DataType;
import io.ember.operators.join.JoinType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites subquery expressions of a filter (WHERE, HAVING) or a select list into joins with the subquery, as
 * Spark's optimizer does ({@code RewritePredicateSubquery}, {@code RewriteCorrelatedScalarSubquery}), after
 * {@link Decorrelator} took its correlated predicates out:
 *
 * <ul>
 *   <li>a conjunct {@code EXISTS (q)} / {@code NOT EXISTS (q)} is a left semi / left anti join with {@code q} on
 *       the correlated predicates;
 *   <li>a conjunct {@code x IN (q)} is a left semi join on {@code x = q.col} and the correlated predicates;
 *       {@code NOT IN} a left anti join on {@code (x = q.col) OR isnull(x = q.col)}, Spark's null-aware form:
 *       a NULL among the subquery's values, or a NULL {@code x} with a non-empty subquery, drops the row; several
 *       values {@code (a, b) IN (q)} compare column by column;
 *   <li>an uncorrelated scalar subquery is one row ({@code count(*)} and {@code first} of its single column)
 *       joined to every row; more than one row fails with {@code SCALAR_SUBQUERY_TOO_MANY_ROWS} when the query
 *       runs; a correlated one must aggregate: it becomes that aggregate grouped by the correlated inner
 *       columns, left outer joined on the correlated predicates; an outer row without a matching group gets the
 *       aggregate's value over no rows ({@code count} is 0, not NULL: the count bug, handled as Spark does);
 *   <li>an EXISTS elsewhere (under OR, in the select list) is a column: the subquery's row count per correlated
 *       group, left outer joined, compared with 0 (Spark's existence join); an IN elsewhere is a column with SQL's
 *       three values (see {@link #membership}); both correlated by equalities only.
 * </ul>
 *
 * The columns a join adds are named {@code __subquery_<id>...} and do not appear in the result.
 */
final class SubqueryRewriter {
  private final Analyzer analyzer;
  /** The plan ids marking the columns the joins add, which a star of the select list must not show. */
  private final Set<Long> hidden = new HashSet<>();

  SubqueryRewriter(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  static boolean hasSubquery(LogicalExpr e) {
    return e instanceof SubqueryExpression || e.children().stream().anyMatch(SubqueryRewriter::hasSubquery);
  }

  /** A filter whose condition holds subqueries, over {@code child}; its output is the child's. */
  ResolvedPlan filter(LogicalPlan.Filter f, ResolvedPlan child) {
    ResolvedPlan plan = child;
    List<LogicalExpr> rest = new ArrayList<>();
    for (LogicalExpr c : Analyzer.conjuncts(f.condition())) {
      boolean negated = c instanceof LogicalExpr.Operator o && o.op() == Op.NOT;
      LogicalExpr inner = negated ? ((LogicalExpr.Operator) c).args().get(0) : c;
      if (inner instanceof SubqueryExpression s && s.kind() != SubqueryExpression.Kind.SCALAR) {
        plan = semiOrAnti(plan, s, negated);
      } else {
        rest.add(c);
      }
    }
    int width = child.output().size();
    if (!rest.isEmpty()) {
      Attached a = attach(rest, plan);
      LogicalExpr condition = a.exprs().stream().reduce(Decorrelator::and).orElseThrow();
      plan = analyzer.filterOver(new LogicalPlan.Filter(f.planId(), condition, f.child()), a.plan());
    }
    List<Expression> refs = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      refs.add(Exprs.ref(plan.output(), i));
    }
    return new ResolvedPlan.Project(refs, Analyzer.through(child.output(), f.planId()), plan);
  }

  /** A select list holding scalar subqueries, over {@code child}. */
  ResolvedPlan project(LogicalPlan.Project p, ResolvedPlan child) {
    Attached a = attach(p.projections(), child);
    ResolvedPlan r = new TimeWindowing(analyzer).project(new LogicalPlan.Project(p.planId(), a.exprs(), p.child()),
        a.plan());
    List<Expression> refs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (int i = 0; i < r.output().size(); i++) {
      Attr attr = r.output().get(i);
      if (attr.planIds().stream().noneMatch(hidden::contains)) {
        refs.add(Exprs.ref(r.output(), i));
        out.add(attr);
      }
    }
    return out.size() == r.output().size() ? r : new ResolvedPlan.Project(refs, out, r);
  }

  /** Expressions with their subqueries replaced by columns of {@code plan}, which joins them in. */
  private record Attached(List<LogicalExpr> exprs, ResolvedPlan plan) {}

  private Attached attach(List<LogicalExpr> exprs, ResolvedPlan plan) {
    ResolvedPlan[] current = {plan};
    List<LogicalExpr> out = Decorrelator.mapAll(exprs, e -> {
      if (!(e instanceof SubqueryExpression s)) {
        return null;
      }
      current[0] = switch (s.kind()) {
        case EXISTS -> existence(current[0], s);
        case IN -> membership(current[0], s);
        case SCALAR -> scalar(current[0], s);
      };
      return new LogicalExpr.Alias(new LogicalExpr.UnresolvedColumn("`" + valueName(s, 0) + "`", null),
          s.prettyName());
    });
    return new Attached(out, current[0]);
  }

  private static String valueName(SubqueryExpression s, int column) {
    return "__subquery_" + s.id() + "_" + column;
  }

  /** {@code plan} with one more column, the scalar subquery's value for each row. */
  private ResolvedPlan scalar(ResolvedPlan plan, SubqueryExpression s) {
    Decorrelator d = new Decorrelator(analyzer, analyzer.scope(plan.output()), s.id());
    Decorrelator.Result sub = d.decorrelate(s.plan());
    ResolvedPlan r = d.analyze(sub.plan());
    List<Integer> values = valueColumns(r, sub);
    if (values.size() != 1) {
      throw new AnalysisException("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
          "Invalid subquery: Scalar subquery must return only one column, but got " + values.size() + ".");
    }
    hidden.add(s.id());
    if (!sub.correlated()) {
      Attr column = r.output().get(values.get(0));
      ResolvedPlan one = d.analyze(checkedSingleRow(sub.plan(), column.name(), column.type()));
      ResolvedPlan value = rename(one, List.of(0), s);
      return new ResolvedPlan.Join(JoinType.CROSS, List.of(), List.of(), List.of(),
          concat(plan.output(), value.output()), plan, value);
    }
    if (!sub.aggregated()) {
      throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY",
          "Unsupported subquery expression: Correlated scalar subqueries must be aggregated to return at most one"
              + " row.");
    }
    ResolvedPlan right = rename(r, values, s);
    ResolvedPlan joined = join(JoinType.LEFT_OUTER, plan, right, sub.predicates());
    LogicalExpr item = valueItem(sub.empty());
    if (item != null && nullOnEmpty(item)) {
      return joined;
    }
    ResolvedPlan empty = d.analyze(sub.empty());
    ResolvedPlan withEmpty = new ResolvedPlan.Join(JoinType.LEFT_OUTER, List.of(), List.of(), List.of(),
        concat(joined.output(), nullable(empty.output())), joined, empty);
    List<Attr> all = withEmpty.output();
    int width = plan.output().size();
    int presence = indexOf(all, sub.presence(), width);
    int value = indexOf(all, valueName(s, 0), width);
    Expression chosen = Expressions.caseWhen(List.of(new IsNull(Exprs.ref(all, presence), false)),
        List.of(castTo(Exprs.ref(all, joined.output().size()), all.get(value).type())), Exprs.ref(all, value));
    List<Expression> exprs = new ArrayList<>(Exprs.refs(plan.output()));
    exprs.add(chosen);
    List<Attr> out = new ArrayList<>(plan.output());
    out.add(new Attr(valueName(s, 0), chosen.dataType(), true, null, Set.of(s.id())));
    return new ResolvedPlan.Project(exprs, out, withEmpty);
  }

  /**
   * {@code plan} with one more column, whether the EXISTS subquery {@code s} has rows for each row: the subquery's
   * row count per correlated group (one count when uncorrelated), left outer joined on the correlated predicates
   * (equalities only), and compared with 0 (a missing group counts 0).
   */
  private ResolvedPlan existence(ResolvedPlan plan, SubqueryExpression s) {
    Decorrelator d = new Decorrelator(analyzer, analyzer.scope(plan.output()), s.id());
    Decorrelator.Result sub = d.decorrelate(s.plan());
    d.requireEqualities(" (an EXISTS subquery inside OR or the select list may be correlated by equalities only)");
    List<LogicalExpr> corr = new ArrayList<>();
    for (String n : sub.corrNames()) {
      corr.add(new LogicalExpr.UnresolvedColumn("`" + n + "`", null));
    }
    String count = "__rows_" + s.id();
    List<LogicalExpr> items = new ArrayList<>(corr);
    items.add(new LogicalExpr.Alias(new LogicalExpr.Call("count",
        List.of(io.ember.api.internal.Literals.of(1)), false), count));
    ResolvedPlan counted = d.analyze(new LogicalPlan.Aggregate(PlanIds.next(), corr, items, sub.plan()));
    hidden.add(s.id());
    ResolvedPlan joined = join(JoinType.LEFT_OUTER, plan, rename(counted, List.of(), s), sub.predicates());
    List<Attr> all = joined.output();
    Expression zero = new io.ember.core.expr.Literal(0L, io.ember.core.types.DataTypes.LONG);
    Expression rows = Expressions.coalesce(List.of(Exprs.ref(all, indexOf(all, count, plan.output().size())), zero));
    Expression exists = Bind.operator(Op.GREATER_THAN, List.of(rows, zero));
    List<Expression> exprs = new ArrayList<>(Exprs.refs(plan.output()));
    exprs.add(exists);
    List<Attr> out = new ArrayList<>(plan.output());
    out.add(new Attr(valueName(s, 0), exists.dataType(), false, null, Set.of(s.id())));
    return new ResolvedPlan.Project(exprs, out, joined);
  }

  /**
   * {@code plan} with one more column, {@code x IN (q)} for each row with SQL's three values: true when some value
   * of {@code q} (in the row's correlated group) equals {@code x}; else false when there is none or neither
   * {@code x} nor any value is NULL; else NULL. Two left outer joins on the correlated equalities: with the
   * distinct values (and {@code x = value}), and with the group's row and NULL counts. One value only.
   */
  private ResolvedPlan membership(ResolvedPlan plan, SubqueryExpression s) {
    if (s.values().size() != 1) {
      throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY",
          "Unsupported subquery expression: an IN subquery of several values is supported as a condition of WHERE"
              + " and HAVING, joined by AND and optionally negated with NOT: " + s.prettyName() + ".");
    }
    Decorrelator d = new Decorrelator(analyzer, analyzer.scope(plan.output()), s.id());
    Decorrelator.Result sub = d.decorrelate(s.plan());
    d.requireEqualities(" (an IN subquery inside OR or the select list may be correlated by equalities only)");
    ResolvedPlan r = d.analyze(sub.plan());
    List<Integer> values = valueColumns(r, sub);
    if (values.size() != 1) {
      throw new AnalysisException("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "Cannot resolve \""
          + s.prettyName() + "\" due to data type mismatch: The number of columns in the left hand side of an IN"
          + " subquery does not match the number of columns in the output of subquery. Left hand side columns"
          + "(length: 1), right hand side columns(length: " + values.size() + ").");
    }
    LogicalExpr value = column(r.output().get(values.get(0)).name());
    List<LogicalExpr> corr = new ArrayList<>();
    List<LogicalExpr> statsItems = new ArrayList<>();
    for (String n : sub.corrNames()) {
      corr.add(column(n));
      statsItems.add(new LogicalExpr.Alias(column(n), n + "_s"));
    }
    String matched = valueName(s, 0) + "_v";
    String rows = "__rows_" + s.id();
    String nulls = "__nulls_" + s.id();
    List<LogicalExpr> keys = new ArrayList<>(corr);
    keys.add(value);
    List<LogicalExpr> distinctItems = new ArrayList<>(corr);
    distinctItems.add(new LogicalExpr.Alias(value, matched));
    ResolvedPlan distinct = d.analyze(new LogicalPlan.Aggregate(PlanIds.next(), keys, distinctItems, sub.plan()));
    statsItems.add(new LogicalExpr.Alias(new LogicalExpr.Call("count", List.of(io.ember.api.internal.Literals.of(1)),
        false), rows));
    statsItems.add(new LogicalExpr.Alias(new LogicalExpr.Call("sum", List.of(new LogicalExpr.CaseWhen(
        List.of(new LogicalExpr.Operator(Op.IS_NULL, List.of(value))), List.of(io.ember.api.internal.Literals.of(1)),
        io.ember.api.internal.Literals.of(0))), false), nulls));
    ResolvedPlan stats = d.analyze(new LogicalPlan.Aggregate(PlanIds.next(), corr, statsItems, sub.plan()));
    hidden.add(s.id());
    List<LogicalExpr> onValue = new ArrayList<>(sub.predicates());
    onValue.add(new LogicalExpr.Operator(Op.EQUAL, List.of(s.values().get(0), column(matched))));
    ResolvedPlan withMatches = join(JoinType.LEFT_OUTER, plan, rename(distinct, List.of(), s), onValue);
    List<LogicalExpr> onGroup = Decorrelator.mapAll(sub.predicates(), e -> e instanceof LogicalExpr.UnresolvedColumn c
        && sub.corrNames().contains(c.name().replace("`", "")) ? column(c.name().replace("`", "") + "_s") : null);
    ResolvedPlan joined = join(JoinType.LEFT_OUTER, withMatches, rename(stats, List.of(), s), onGroup);
    List<Attr> all = joined.output();
    int width = plan.output().size();
    Expression zero = new io.ember.core.expr.Literal(0L, io.ember.core.types.DataTypes.LONG);
    Expression x = ExprResolver.plain(analyzer.scope(plan.output()), c -> new AnalysisException(
        "INVALID_WHERE_CONDITION", "Aggregate functions are not allowed in an IN subquery's value: "
            + c.prettyName() + ".")).resolve(s.values().get(0));
    Expression result = Expressions.caseWhen(List.of(
        new IsNull(Exprs.ref(all, indexOf(all, matched, width)), true),
        Bind.operator(Op.EQUAL, List.of(Expressions.coalesce(List.of(Exprs.ref(all, indexOf(all, rows, width)), zero)),
            zero)),
        Bind.operator(Op.OR, List.of(new IsNull(x, false),
            Bind.operator(Op.GREATER_THAN, List.of(Exprs.ref(all, indexOf(all, nulls, width)), zero))))),
        List.of(new io.ember.core.expr.Literal(true, io.ember.core.types.DataTypes.BOOLEAN),
            new io.ember.core.expr.Literal(false, io.ember.core.types.DataTypes.BOOLEAN),
            new io.ember.core.expr.Literal(null, io.ember.core.types.DataTypes.BOOLEAN)),
        new io.ember.core.expr.Literal(false, io.ember.core.types.DataTypes.BOOLEAN));
    List<Expression> exprs = new ArrayList<>(Exprs.refs(plan.output()));
    exprs.add(result);
    List<Attr> out = new ArrayList<>(plan.output());
    out.add(new Attr(valueName(s, 0), result.dataType(), true, null, Set.of(s.id())));
    return new ResolvedPlan.Project(exprs, out, joined);
  }

  private static LogicalExpr column(String name) {
    return new LogicalExpr.UnresolvedColumn("`" + name.replace("`", "``") + "`", null);
  }

  /** The single select item of the subquery over no rows, when it is a plain select or aggregate. */
  private static LogicalExpr valueItem(LogicalPlan empty) {
    List<LogicalExpr> items = empty instanceof LogicalPlan.Project p ? p.projections()
        : empty instanceof LogicalPlan.Aggregate a ? a.aggregates() : List.of();
    return items.size() == 1 ? items.get(0) : null;
  }

  private static final Set<String> NULL_ON_EMPTY = Set.of("max", "min", "sum", "avg", "mean", "first", "last",
      "first_value", "last_value", "any_value", "max_by", "min_by");

  /** Whether the select item is an aggregate call that gives NULL over no rows (so no empty value is needed). */
  private static boolean nullOnEmpty(LogicalExpr item) {
    LogicalExpr e = item instanceof LogicalExpr.Alias a ? a.child() : item;
    return e instanceof LogicalExpr.Call c && NULL_ON_EMPTY.contains(c.name().toLowerCase(Locale.ROOT));
  }

  private static Expression castTo(Expression e, DataType t) {
    return e.dataType().equals(t) ? e : Expressions.cast(e, t);
  }

  private static List<Attr> nullable(List<Attr> attrs) {
    List<Attr> out = new ArrayList<>();
    for (Attr a : attrs) {
      out.add(a.withNullable(true));
    }
    return out;
  }

  private static int indexOf(List<Attr> attrs, String name, int from) {
    for (int i = from; i < attrs.size(); i++) {
      if (attrs.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("No column " + name);
  }

  /**
   * The uncorrelated subquery {@code sub} as one row with one column: its single value (NULL for no rows), or
   * {@code SCALAR_SUBQUERY_TOO_MANY_ROWS} when the query runs and it has more rows.
   */
  private static LogicalPlan checkedSingleRow(LogicalPlan sub, String valueColumn, DataType type) {
    LogicalExpr value = new LogicalExpr.UnresolvedColumn("`" + valueColumn.replace("`", "``") + "`", null);
    LogicalPlan counted = new LogicalPlan.Aggregate(PlanIds.next(), List.of(), List.of(
        new LogicalExpr.Alias(new LogicalExpr.Call("count", List.of(new LogicalExpr.Star(null)), false), "rows"),
        new LogicalExpr.Alias(new LogicalExpr.Call("first", List.of(value), false), "value")), sub);
    LogicalExpr check = new LogicalExpr.UserFunction("scalarsubquery", List.of(
        new LogicalExpr.UnresolvedColumn("rows", null), new LogicalExpr.UnresolvedColumn("value", null)),
        new UserFunctionBinder() {
          @Override
          public Expression bind(List<Expression> args) {
            return new ScalarSubqueryCheck(args.get(0), args.get(1));
          }

          @Override
          public DataType returnType() {
            return type;
          }
        });
    return new LogicalPlan.Project(PlanIds.next(), List.of(new LogicalExpr.Alias(check, "value")), counted);
  }

  /** {@code plan} left semi (or anti, when {@code negated}) joined with the EXISTS or IN subquery {@code s}. */
  private ResolvedPlan semiOrAnti(ResolvedPlan plan, SubqueryExpression s, boolean negated) {
    Decorrelator d = new Decorrelator(analyzer, analyzer.scope(plan.output()), s.id());
    Decorrelator.Result sub = d.decorrelate(s.plan());
    ResolvedPlan r = d.analyze(sub.plan());
    List<Integer> values = valueColumns(r, sub);
    List<LogicalExpr> conditions = new ArrayList<>();
    if (s.kind() == SubqueryExpression.Kind.IN) {
      if (values.size() != s.values().size()) {
        throw new AnalysisException("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", "Cannot resolve \""
            + s.prettyName() + "\" due to data type mismatch: The number of columns in the left hand side of an IN"
            + " subquery does not match the number of columns in the output of subquery. Left hand side columns"
            + "(length: " + s.values().size() + "): [" + String.join(", ", s.values().stream()
                .map(v -> "\"" + v.prettyName() + "\"").toList()) + "], right hand side columns(length: "
            + values.size() + "): [" + String.join(", ", values.stream()
                .map(i -> "\"" + r.output().get(i).name() + "\"").toList()) + "].");
      }
      for (int i = 0; i < values.size(); i++) {
        LogicalExpr eq = new LogicalExpr.Operator(Op.EQUAL, List.of(s.values().get(i),
            new LogicalExpr.UnresolvedColumn("`" + valueName(s, i) + "`", null)));
        conditions.add(negated ? new LogicalExpr.Operator(Op.OR,
            List.of(eq, new LogicalExpr.Operator(Op.IS_NULL, List.of(eq)))) : eq);
      }
    }
    conditions.addAll(sub.predicates());
    ResolvedPlan right = rename(r, values, s);
    return join(negated ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI, plan, right, conditions);
  }

  private ResolvedPlan join(JoinType type, ResolvedPlan left, ResolvedPlan right, List<LogicalExpr> conditions) {
    LogicalExpr condition = conditions.stream().reduce(Decorrelator::and).orElse(null);
    return new JoinResolver(analyzer).resolve(type, condition, PlanIds.next(), left, right);
  }

  /** The positions of the subquery's own columns in {@code r}: all but the generated correlation columns. */
  private static List<Integer> valueColumns(ResolvedPlan r, Decorrelator.Result sub) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < r.output().size(); i++) {
      String name = r.output().get(i).name();
      if (!sub.corrNames().contains(name) && !name.equals(sub.presence())) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * {@code r} with its value columns named {@code __subquery_<id>_<n>} and every column unqualified and marked
   * hidden, so that join conditions and the enclosing query's names cannot confuse them with outer columns.
   */
  private static ResolvedPlan rename(ResolvedPlan r, List<Integer> values, SubqueryExpression s) {
    List<Attr> out = new ArrayList<>();
    for (int i = 0; i < r.output().size(); i++) {
      Attr a = r.output().get(i);
      int v = values.indexOf(i);
      out.add(new Attr(v >= 0 ? valueName(s, v) : a.name(), a.type(), a.nullable(), null, Set.of(s.id())));
    }
    return new ResolvedPlan.Project(Exprs.refs(r.output()), out, r);
  }

  private static List<Attr> concat(List<Attr> a, List<Attr> b) {
    List<Attr> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
