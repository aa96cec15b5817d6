package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.operators.aggregate.AggregateFunctions;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code groupBy(keys).agg(items)} (or a select of aggregates, {@code global}) into an
 * {@link ResolvedPlan.Aggregate} computing the keys and the distinct aggregate calls, with a
 * {@link ResolvedPlan.Project} above it when the items compute over them ({@code sum(x) / count(x)}).
 * Inside items, a grouping expression becomes its key column; any other column outside an aggregate is
 * Spark's {@code MISSING_AGGREGATION} (or {@code MISSING_GROUP_BY} without a group by).
 *
 * <p>Under {@code ROLLUP}/{@code CUBE}/{@code GROUPING SETS} ({@link #resolveExpanded}) the child is an
 * {@link ResolvedPlan.Expand} and the keys are its grouping columns and grouping id, while items still name the
 * grouping expressions as written over the Expand's input; {@code grouping(c)} and {@code grouping_id(..)} read
 * the id.
 */
final class AggregateResolver {
  private final Scope scope;
  private final ResolvedPlan child;
  private final long planId;
  private final boolean global;
  private final List<LogicalExpr> groupingExprs = new ArrayList<>();
  private final List<Expression> keys = new ArrayList<>();
  /** The grouping expressions resolved over the input rows, which items are matched against. */
  private final List<Expression> matchKeys = new ArrayList<>();
  /** Under grouping sets, the number of grouping expressions (the grouping id's key index); else -1. */
  private int groupingCount = -1;
  private final List<Attr> keyAttrs = new ArrayList<>();
  private final List<AggCall> calls = new ArrayList<>();

  AggregateResolver(Scope scope, ResolvedPlan child, long planId, boolean global) {
    this.scope = scope;
    this.child = child;
    this.planId = planId;
    this.global = global;
  }

  ResolvedPlan resolve(List<LogicalExpr> grouping, List<LogicalExpr> items) {
    ExprResolver keyResolver = ExprResolver.plain(scope, c -> new AnalysisException("GROUP_BY_AGGREGATE",
        "Aggregate functions are not allowed in GROUP BY, but found " + c.prettyName() + "."));
    for (LogicalExpr g : grouping) {
      LogicalExpr bare = g instanceof LogicalExpr.Alias a ? a.child() : g;
      Expression k = keyResolver.resolve(bare);
      if (ExtractValues.containsMap(k.dataType())) {
        throw new AnalysisException("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE", "The expression \"" + k.sql()
            + "\" cannot be used as a grouping expression because its data type "
            + io.ember.core.expr.ExpressionErrors.sqlType(k.dataType()) + " is not an orderable data type.");
      }
      groupingExprs.add(bare);
      keys.add(k);
      matchKeys.add(k);
      keyAttrs.add(ProjectResolver.outputAttr(g, k, child.output(), planId));
    }
    return resolveItems(items);
  }

  /**
   * The aggregation above an {@link ResolvedPlan.Expand} ({@code child}): {@code grouping} are the grouping
   * expressions as written, {@code resolved} the same resolved over the Expand's input (whose columns the Expand
   * passes first, so items resolve in this resolver's scope), {@code expandKeys} the Expand's columns to group by
   * (each grouping column, then the grouping id and, when sets repeat, the set's position) and {@code keyOutput}
   * their output columns.
   */
  ResolvedPlan resolveExpanded(List<LogicalExpr> grouping, List<Expression> resolved, List<Expression> expandKeys,
      List<Attr> keyOutput, List<LogicalExpr> items) {
    for (LogicalExpr g : grouping) {
      groupingExprs.add(g instanceof LogicalExpr.Alias a ? a.child() : g);
    }
    matchKeys.addAll(resolved);
    keys.addAll(expandKeys);
    keyAttrs.addAll(keyOutput);
    groupingCount = grouping.size();
    return resolveItems(items);
  }

  private ResolvedPlan resolveItems(List<LogicalExpr> items) {
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (LogicalExpr item : items) {
      ExprResolver r = new ExprResolver(scope, e -> intercept(e, item), this::aggregate, true);
      Expression e = r.resolve(item);
      exprs.add(e);
      out.add(itemAttr(item, e));
    }
    nameCallsAfterItems(exprs, out);
    List<Attr> aggOut = new ArrayList<>(keyAttrs);
    for (AggCall c : calls) {
      aggOut.add(Attr.of(c.name(), c.function().resultType(), c.function().nullable(), planId));
    }
    ResolvedPlan agg = new ResolvedPlan.Aggregate(keys, calls, aggOut, child);
    if (isIdentity(exprs, out, aggOut)) {
      return new ResolvedPlan.Aggregate(keys, calls, out, child);
    }
    return new ResolvedPlan.Project(exprs, out, agg);
  }

  /** Names a call selected once and directly ({@code sum(x) AS s}) after its item, so no projection is needed. */
  private void nameCallsAfterItems(List<Expression> exprs, List<Attr> out) {
    for (int i = 0; i < exprs.size(); i++) {
      if (exprs.get(i) instanceof ColumnRef c && c.index() >= keys.size()) {
        int j = c.index() - keys.size();
        long uses = exprs.stream().filter(e -> Exprs.references(e).get(c.index())).count();
        if (uses == 1) {
          AggCall call = calls.get(j);
          calls.set(j, new AggCall(call.functionName(), call.args(), call.distinct(), call.function(),
              out.get(i).name()));
          exprs.set(i, new ColumnRef(c.index(), out.get(i).name(), c.dataType(), c.nullable()));
        }
      }
    }
  }

  private Attr itemAttr(LogicalExpr item, Expression e) {
    if (item instanceof LogicalExpr.UnresolvedColumn && e instanceof ColumnRef c && c.index() < keyAttrs.size()) {
      Attr key = keyAttrs.get(c.index());
      return key.through(planId).withName(ProjectResolver.spelledName((LogicalExpr.UnresolvedColumn) item, key));
    }
    String name = item instanceof LogicalExpr.Alias a ? a.name() : item.prettyName();
    return Attr.of(name, e.dataType(), e.nullable(), planId);
  }

  private static boolean isKnownFunction(String name) {
    return AggregateFunctions.isAggregate(name) || FunctionRegistry.standard().contains(name)
        || LogicalExpr.WINDOW_ONLY.contains(name.toLowerCase(java.util.Locale.ROOT)) || Generators.isGenerator(name);
  }

  private static boolean isIdentity(List<Expression> exprs, List<Attr> out, List<Attr> aggOut) {
    if (exprs.size() != aggOut.size()) {
      return false;
    }
    for (int i = 0; i < exprs.size(); i++) {
      if (!(exprs.get(i) instanceof ColumnRef c) || c.index() != i || !out.get(i).name().equals(aggOut.get(i).name())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Binds a grouping expression to its key column; rejects a column that is neither grouped nor aggregated, and a
   * call of an unknown function as one (before its arguments, whose columns would otherwise be reported first).
   */
  private Expression intercept(LogicalExpr e, LogicalExpr item) {
    if (e instanceof LogicalExpr.Call c && GroupingFunctions.isGroupingFunction(c.name())) {
      return groupingFunction(c);
    }
    if (e instanceof LogicalExpr.Call c && !isKnownFunction(c.name()) && scope.functions().lookup(c.name()) == null) {
      throw ExprResolver.unresolvedRoutine(c.name(), scope);
    }
    for (int i = 0; i < groupingExprs.size(); i++) {
      if (groupingExprs.get(i).equals(e)) {
        return keyRef(i);
      }
    }
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      Expression grouped = grouped(scope.resolveExpr(c.name(), c.planId()));
      if (grouped != null) {
        return grouped;
      }
      if (global) {
        throw new AnalysisException("MISSING_GROUP_BY", "The query does not include a GROUP BY clause. Add GROUP BY"
            + " or turn it into the window functions using OVER clauses.");
      }
      String shown = item.prettyName();
      throw new AnalysisException("MISSING_AGGREGATION", "The non-aggregating expression \"" + shown
          + "\" is based on columns which are not participating in the GROUP BY clause. Add the columns or the"
          + " expression to the GROUP BY, aggregate the expression, or use \"any_value(" + shown
          + ")\" if you do not care which of the values within a group is returned.");
    }
    return null;
  }

  /** {@code ref} as a key column, or a field of one ({@code window.start} when grouped by {@code window}); else null. */
  private Expression grouped(Expression ref) {
    for (int i = 0; i < matchKeys.size(); i++) {
      if (sameColumn(matchKeys.get(i), ref)) {
        return keyRef(i);
      }
    }
    if (ref instanceof GetField g) {
      Expression struct = grouped(g.child());
      return struct == null ? null : new GetField(struct, g.ordinal(), g.name());
    }
    return null;
  }

  private static boolean sameColumn(Expression key, Expression ref) {
    if (key instanceof ColumnRef k && ref instanceof ColumnRef r) {
      return k.index() == r.index();
    }
    return key.equals(ref);
  }

  private Expression keyRef(int i) {
    Expression k = keys.get(i);
    return new ColumnRef(i, keyAttrs.get(i).name(), k.dataType(), k.nullable());
  }

  /** {@code grouping(c)} or {@code grouping_id(..)} over the grouping id key (Spark's rules and errors). */
  private Expression groupingFunction(LogicalExpr.Call c) {
    if (groupingCount < 0) {
      throw new AnalysisException("UNSUPPORTED_GROUPING_EXPRESSION",
          "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.");
    }
    List<Integer> columns = new ArrayList<>();
    for (LogicalExpr arg : c.args()) {
      columns.add(groupingIndex(arg));
    }
    return GroupingFunctions.resolve(c, columns, groupingExprs, keyRef(groupingCount));
  }

  /** The index of {@code arg} among the grouping expressions, or -1. */
  private int groupingIndex(LogicalExpr arg) {
    LogicalExpr bare = arg instanceof LogicalExpr.Alias a ? a.child() : arg;
    for (int i = 0; i < groupingExprs.size(); i++) {
      if (groupingExprs.get(i).equals(bare)) {
        return i;
      }
    }
    if (bare instanceof LogicalExpr.UnresolvedColumn col) {
      Expression ref = scope.resolveExpr(col.name(), col.planId());
      for (int i = 0; i < matchKeys.size(); i++) {
        if (sameColumn(matchKeys.get(i), ref)) {
          return i;
        }
      }
    }
    return -1;
  }

  private Expression aggregate(LogicalExpr.Call call) {
    ExprResolver argResolver = ExprResolver.plain(scope, inner -> new AnalysisException("NESTED_AGGREGATE_FUNCTION",
        "It is not allowed to use an aggregate function in the argument of another aggregate function. Please use"
            + " the inner aggregate function in a sub-query.")).inSelect();
    List<Expression> args = argResolver.resolveArgs(call);
    AggCall built = AggCall.of(call.name(), args, call.distinct(), call.prettyName());
    int index = -1;
    for (int j = 0; j < calls.size() && index < 0; j++) {
      if (calls.get(j).sameAs(built)) {
        index = j;
      }
    }
    if (index < 0) {
      calls.add(built);
      index = calls.size() - 1;
    }
    AggCall c = calls.get(index);
    return new ColumnRef(keys.size() + index, c.name(), c.function().resultType(), c.function().nullable());
  }
}
