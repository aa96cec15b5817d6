package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.datetime.SessionWindow;
import io.ember.core.expr.datetime.SessionWindowKey;
import io.ember.core.expr.datetime.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spark's {@code TimeWindowing} and {@code SessionWindowing} rules for a select or an aggregation whose
 * expressions call {@code window(...)} or {@code session_window(...)}: the window becomes a column of the
 * input, named {@code window} or {@code session_window} as in Spark (so {@code window.start} reads it), and the
 * call becomes a reference to it.
 *
 * <ul>
 *   <li>Tumbling window: rows with a null time are dropped, then the window is computed per row.</li>
 *   <li>Sliding window: each row is repeated once per window containing it (a generate step over
 *       {@link TimeWindow#expanded()}); rows with a null time have none.</li>
 *   <li>Session window: the per-row range {@code [time, time + gap)} is computed, and rows whose range is null
 *       or empty are dropped. In an aggregation the key reading it is marked {@link SessionWindowKey}, so the
 *       planner merges overlapping sessions.</li>
 * </ul>
 * A query may hold one window expression (called any number of times); more are Spark's
 * {@code MULTIPLE_TIME_WINDOW_EXPRESSIONS} error (they would multiply the rows).
 */
final class TimeWindowing {
  private final Analyzer analyzer;

  TimeWindowing(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * The input with its window column, the call it replaces and the column's index; {@code tags} has a plan id per
   * input column that names that column alone, so that a star can be expanded to the input's own columns.
   */
  private record Windowed(ResolvedPlan input, LogicalExpr.Call call, LogicalExpr column, int index, boolean session,
      long[] tags) {}

  /**
   * {@code groupBy(grouping).agg(items)} over {@code child}, windowed when the expressions call a window function;
   * a qualified name may read a hidden key of a USING join below ({@link UsingJoinKeys}).
   */
  ResolvedPlan aggregate(LogicalPlan.Aggregate a, ResolvedPlan child) {
    try {
      return aggregate(a, a.grouping(), a.aggregates(), child);
    } catch (AnalysisException e) {
      List<LogicalExpr> all = new ArrayList<>(a.grouping());
      all.addAll(a.aggregates());
      UsingJoinKeys.Exposed x = MissingColumns.isUnresolved(e)
          && all.stream().noneMatch(LogicalExpr.Star.class::isInstance) ? UsingJoinKeys.expose(child, all, analyzer)
          : null;
      if (x == null) {
        throw e;
      }
      int g = a.grouping().size();
      return aggregate(a, x.exprs().subList(0, g), x.exprs().subList(g, x.exprs().size()), x.input());
    }
  }

  private ResolvedPlan aggregate(LogicalPlan.Aggregate a, List<LogicalExpr> grouping, List<LogicalExpr> aggregates,
      ResolvedPlan child) {
    List<LogicalExpr> all = new ArrayList<>(grouping);
    all.addAll(aggregates);
    Windowed w = windowed(all, child);
    if (w == null) {
      return new AggregateResolver(analyzer.scope(child.output()), child, a.planId(), false)
          .resolve(grouping, aggregates);
    }
    ResolvedPlan out = new AggregateResolver(analyzer.scope(w.input().output()), w.input(), a.planId(), false)
        .resolve(replaceAll(grouping, w), replaceAll(aggregates, w));
    return w.session() ? markSessionKey(out, w.index()) : out;
  }

  /**
   * A select over {@code child}, windowed when its items call a window function; a qualified name may read a hidden
   * key of a USING join below ({@link UsingJoinKeys}).
   */
  ResolvedPlan project(LogicalPlan.Project p, ResolvedPlan child) {
    try {
      return projectOver(p, child);
    } catch (AnalysisException e) {
      UsingJoinKeys.Exposed x = MissingColumns.isUnresolved(e)
          ? UsingJoinKeys.expose(child, p.projections(), analyzer) : null;
      if (x == null) {
        throw e;
      }
      return projectOver(new LogicalPlan.Project(p.planId(), x.exprs(), p.child()), x.input());
    }
  }

  private ResolvedPlan projectOver(LogicalPlan.Project p, ResolvedPlan child) {
    Windowed w = windowed(p.projections(), child);
    if (w == null) {
      return new ProjectResolver(analyzer).resolve(p, child);
    }
    List<LogicalExpr> items = new ArrayList<>();
    Scope scope = analyzer.scope(child.output());
    for (LogicalExpr e : p.projections()) {
      List<Integer> starred = e instanceof LogicalExpr.Star s ? scope.qualified(s.qualifier()) : List.of();
      if (starred.isEmpty()) {
        items.add(replace(e, w));
      }
      for (int i : starred) { // as Spark expands stars before windowing: the window column is not one of them
        items.add(new LogicalExpr.UnresolvedColumn("`" + child.output().get(i).name().replace("`", "``") + "`",
            w.tags()[i]));
      }
    }
    LogicalPlan.Project replaced = new LogicalPlan.Project(p.planId(), items, p.child());
    return new ProjectResolver(analyzer).resolve(replaced, w.input());
  }

  private Windowed windowed(List<LogicalExpr> exprs, ResolvedPlan child) {
    List<LogicalExpr.Call> calls = new ArrayList<>();
    for (LogicalExpr e : exprs) {
      collect(e, calls);
    }
    if (calls.isEmpty()) {
      return null;
    }
    if (calls.size() > 1) {
      throw new AnalysisException("MULTIPLE_TIME_WINDOW_EXPRESSIONS", "Multiple time/session window expressions"
          + " would result in a cartesian product of rows, therefore they are currently not supported.");
    }
    LogicalExpr.Call call = calls.get(0);
    Expression bound = ExprResolver.plain(analyzer.scope(child.output()), c -> new AnalysisException(
        "INVALID_WINDOW_ARGUMENT", "The arguments of " + call.prettyName() + " cannot hold the aggregate function "
            + c.prettyName() + ".")).resolve(call);
    long id = PlanIds.next();
    List<Attr> in = new ArrayList<>();
    long[] tags = new long[child.output().size()];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = PlanIds.next();
      in.add(child.output().get(i).through(tags[i]));
    }
    int index = in.size();
    List<Attr> out = new ArrayList<>(in);
    List<Expression> exprsOut = new ArrayList<>(Exprs.refs(in));
    ResolvedPlan input;
    String name;
    if (bound instanceof TimeWindow tw) {
      name = TimeWindow.COLUMN_NAME;
      out.add(Attr.of(name, TimeWindow.TYPE, false, id));
      ResolvedPlan kept = new ResolvedPlan.Filter(List.of(Expressions.isNotNull(tw.time())), in, child);
      if (tw.isTumbling()) {
        exprsOut.add(tw);
        input = new ResolvedPlan.Project(exprsOut, out, kept);
      } else {
        input = new ResolvedPlan.Generate(tw.expanded(), false, out, kept);
      }
    } else if (bound instanceof SessionWindow sw) {
      name = SessionWindow.COLUMN_NAME;
      out.add(Attr.of(name, TimeWindow.TYPE, false, id));
      exprsOut.add(sw);
      ResolvedPlan withWindow = new ResolvedPlan.Project(exprsOut, out, child);
      ColumnRef ref = new ColumnRef(index, name, TimeWindow.TYPE, true);
      Expression nonEmpty = Expressions.greaterThan(new GetField(ref, 1, "end"), new GetField(ref, 0, "start"));
      input = new ResolvedPlan.Filter(List.of(Expressions.isNotNull(sw.time()), nonEmpty), out, withWindow);
    } else {
      throw new IllegalStateException("window functions build " + bound.getClass().getSimpleName());
    }
    LogicalExpr column = new LogicalExpr.UnresolvedColumn("`" + name + "`", id);
    return new Windowed(input, call, column, index, bound instanceof SessionWindow, tags);
  }

  private static boolean isWindowCall(LogicalExpr e) {
    if (!(e instanceof LogicalExpr.Call c)) {
      return false;
    }
    String n = c.name().toLowerCase(Locale.ROOT);
    return n.equals("window") || n.equals("session_window");
  }

  private static void collect(LogicalExpr e, List<LogicalExpr.Call> calls) {
    if (isWindowCall(e)) {
      if (!calls.contains(e)) {
        calls.add((LogicalExpr.Call) e);
      }
      return;
    }
    for (LogicalExpr c : e.children()) {
      collect(c, calls);
    }
  }

  private static List<LogicalExpr> replaceAll(List<LogicalExpr> exprs, Windowed w) {
    List<LogicalExpr> out = new ArrayList<>(exprs.size());
    for (LogicalExpr e : exprs) {
      out.add(replace(e, w));
    }
    return out;
  }

  /** {@code e} with every occurrence of the window call replaced by the window column. */
  private static LogicalExpr replace(LogicalExpr e, Windowed w) {
    if (e.equals(w.call())) {
      return w.column();
    }
    if (e instanceof LogicalExpr.Call c) {
      return new LogicalExpr.Call(c.name(), replaceAll(c.args(), w), c.distinct());
    } else if (e instanceof LogicalExpr.Operator o) {
      return new LogicalExpr.Operator(o.op(), replaceAll(o.args(), w));
    } else if (e instanceof LogicalExpr.Cast c) {
      return new LogicalExpr.Cast(replace(c.child(), w), c.to());
    } else if (e instanceof LogicalExpr.Alias a) {
      return new LogicalExpr.Alias(replace(a.child(), w), a.name());
    } else if (e instanceof LogicalExpr.CaseWhen cw) {
      return new LogicalExpr.CaseWhen(replaceAll(cw.conditions(), w), replaceAll(cw.values(), w),
          cw.otherwise() == null ? null : replace(cw.otherwise(), w));
    } else if (e instanceof LogicalExpr.UserFunction u) {
      return new LogicalExpr.UserFunction(u.name(), replaceAll(u.args(), w), u.binder());
    } else if (e instanceof LogicalExpr.SortOrder so) {
      return new LogicalExpr.SortOrder(replace(so.child(), w), so.ascending(), so.nullsFirst());
    }
    return e;
  }

  /** Marks the aggregation key that reads the session window column {@code index} as a {@link SessionWindowKey}. */
  private static ResolvedPlan markSessionKey(ResolvedPlan plan, int index) {
    if (plan instanceof ResolvedPlan.Project p && p.child() instanceof ResolvedPlan.Aggregate a) {
      return new ResolvedPlan.Project(p.exprs(), p.output(), markSessionKey(a, index));
    }
    if (plan instanceof ResolvedPlan.Aggregate a) {
      List<Expression> keys = new ArrayList<>(a.keys());
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i) instanceof ColumnRef r && r.index() == index) {
          keys.set(i, new SessionWindowKey(r));
          return new ResolvedPlan.Aggregate(keys, a.aggs(), a.output(), a.child());
        }
      }
    }
    return plan;
  }
}
