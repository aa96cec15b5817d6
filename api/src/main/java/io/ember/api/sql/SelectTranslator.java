package io.ember.api.sql;

import io.ember.api.logical.GroupingSetLists;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.operators.aggregate.AggregateFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;

/**
 * Translates one {@code SELECT} block in SQL's order: FROM, WHERE, GROUP BY (expressions, ordinals, select
 * aliases) with the select list as the aggregate's output, HAVING as a filter over it, DISTINCT, ORDER BY
 * (ordinals, select aliases, aggregates), LIMIT/OFFSET; the named windows of its WINDOW clause. Aggregates that HAVING or ORDER BY use but the select
 * list does not are computed as hidden columns and projected away at the end. Window functions in an aggregate
 * query are computed after the aggregation and HAVING, over its (hidden) columns, as Spark does; so are select
 * items holding subqueries.
 */
final class SelectTranslator {
  private final SqlTranslator owner;
  private final ExprTranslator exprs;
  private final List<LogicalExpr> items = new ArrayList<>();
  private final List<LogicalExpr> hidden = new ArrayList<>();
  private boolean aggregateQuery;
  /** The grouping sets of a GROUP BY with ROLLUP, CUBE or GROUPING SETS; null for a plain one. */
  private GroupingSetLists groupingSets;
  /** The FROM clause's column names, read once when a GROUP BY name may be a select alias. */
  private List<String> childColumns;

  SelectTranslator(SqlTranslator owner, ExprTranslator exprs) {
    this.owner = owner;
    this.exprs = exprs;
  }

  LogicalPlan translate(SqlSelect s, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
    java.util.Map<String, org.apache.calcite.sql.SqlWindow> outerWindows = exprs.enterWindows(s.getWindowList());
    try {
      return translateBlock(s, orderList, offset, fetch);
    } finally {
      exprs.leaveWindows(outerWindows);
    }
  }

  private LogicalPlan translateBlock(SqlSelect s, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
    if (s.getQualify() != null) {
      throw SqlUnsupported.of("QUALIFY");
    }
    LogicalPlan plan = s.getFrom() == null
        ? new LogicalPlan.Range(PlanIds.next(), 0, 1, 1, 1) : owner.from(s.getFrom());
    if (s.getWhere() != null) {
      plan = new LogicalPlan.Filter(PlanIds.next(), exprs.translate(s.getWhere()), plan);
    }
    for (SqlNode item : s.getSelectList()) {
      items.add(selectItem(item));
    }
    SqlNodeList groupBy = s.getGroup();
    aggregateQuery = groupBy != null || s.getHaving() != null || items.stream().anyMatch(SelectTranslator::hasAggregate);
    List<LogicalExpr> grouping = groupBy == null ? List.of() : grouping(groupBy, plan);
    List<LogicalExpr> windowItems = null;
    if (aggregateQuery && items.stream().anyMatch(i -> hasWindow(i) || hasSubquery(i))) {
      windowItems = new ArrayList<>();
      for (LogicalExpr item : items) {
        windowItems.add(hasWindow(item) || hasSubquery(item) ? overAggregates(item) : null);
      }
    }
    LogicalExpr having = s.getHaving() == null ? null : referAggregates(exprs.translate(s.getHaving()));
    List<LogicalExpr.SortOrder> order = orderList == null ? List.of() : order(orderList);
    boolean subqueryItems = windowItems != null && items.stream().anyMatch(SelectTranslator::hasSubquery);
    if (aggregateQuery && (groupBy != null || s.getHaving() != null || !hidden.isEmpty() || subqueryItems)) {
      List<LogicalExpr> all = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (windowItems == null || windowItems.get(i) == null) {
          all.add(items.get(i));
        }
      }
      all.addAll(hidden);
      plan = groupingSets != null
          ? new LogicalPlan.GroupingSets(PlanIds.next(), groupingSets.grouping(), groupingSets.sets(), all, plan)
          : new LogicalPlan.Aggregate(PlanIds.next(), grouping, all, plan);
    } else {
      plan = new LogicalPlan.Project(PlanIds.next(), items, plan);
    }
    if (having != null) {
      plan = new LogicalPlan.Filter(PlanIds.next(), having, plan);
    }
    if (windowItems != null) {
      List<LogicalExpr> projected = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        projected.add(windowItems.get(i) != null ? windowItems.get(i) : outputRef(items.get(i)));
      }
      for (LogicalExpr h : hidden) {
        projected.add(outputRef(h));
      }
      plan = new LogicalPlan.Project(PlanIds.next(), projected, plan);
    }
    if (s.isDistinct()) {
      plan = new LogicalPlan.Deduplicate(PlanIds.next(), List.of(), plan);
    }
    if (!order.isEmpty()) {
      plan = new LogicalPlan.Sort(PlanIds.next(), order, plan);
    }
    if (!hidden.isEmpty()) {
      List<LogicalExpr> visible = new ArrayList<>();
      for (LogicalExpr item : items) {
        visible.add(outputRef(item));
      }
      plan = new LogicalPlan.Project(PlanIds.next(), visible, plan);
    }
    return owner.limit(plan, offset, fetch);
  }

  private LogicalExpr selectItem(SqlNode item) {
    if (item.getKind() == SqlKind.AS) {
      SqlBasicCall as = (SqlBasicCall) item;
      if (as.operandCount() > 2) {
        throw SqlUnsupported.of("column aliases lists in the select list");
      }
      String alias = ((SqlIdentifier) as.operand(1)).getSimple();
      List<String> names = MultiAliases.names(alias);
      return names != null ? new LogicalExpr.MultiAlias(exprs.translate(as.operand(0)), names)
          : new LogicalExpr.Alias(exprs.translate(as.operand(0)), alias);
    }
    return exprs.translate(item);
  }

  private List<LogicalExpr> grouping(SqlNodeList groupBy, LogicalPlan from) {
    List<LogicalExpr> out = new ArrayList<>();
    boolean analytics = groupBy.stream().anyMatch(g -> g.getKind() == SqlKind.ROLLUP || g.getKind() == SqlKind.CUBE
        || g.getKind() == SqlKind.GROUPING_SETS);
    if (analytics) {
      groupingSets = new GroupingSetLists();
    }
    for (SqlNode g : groupBy) {
      SqlKind k = g.getKind();
      if (k == SqlKind.ROLLUP) {
        groupingSets.rollupOf(units(((SqlCall) g).getOperandList(), from));
      } else if (k == SqlKind.CUBE) {
        groupingSets.cubeOf(units(((SqlCall) g).getOperandList(), from));
      } else if (k == SqlKind.GROUPING_SETS) {
        groupingSets.groupingSets(units(((SqlCall) g).getOperandList(), from));
      } else if (analytics) {
        groupingSets.plain(groupingItem(g, from));
      } else {
        out.add(groupingItem(g, from));
      }
    }
    return out;
  }

  /**
   * The units of a ROLLUP, CUBE or GROUPING SETS: each operand is an expression, or a parenthesized list of them
   * (a composite column, or in GROUPING SETS one set; {@code ()} is the empty set).
   */
  private List<List<LogicalExpr>> units(List<SqlNode> operands, LogicalPlan from) {
    List<List<LogicalExpr>> out = new ArrayList<>();
    for (SqlNode op : operands) {
      List<SqlNode> parts = op instanceof SqlNodeList l ? l.getList()
          : op.getKind() == SqlKind.ROW ? ((SqlCall) op).getOperandList() : List.of(op);
      List<LogicalExpr> unit = new ArrayList<>();
      for (SqlNode p : parts) {
        unit.add(groupingItem(p, from));
      }
      out.add(unit);
    }
    return out;
  }

  /** One GROUP BY expression: a select-list position, a select alias (when no input column has that name), or an expression. */
  private LogicalExpr groupingItem(SqlNode g, LogicalPlan from) {
    Integer ordinal = ordinal(g);
    if (ordinal != null) {
      LogicalExpr item = itemAt(ordinal, "GROUP_BY_POS_OUT_OF_RANGE", "GROUP BY");
      if (hasAggregate(item)) {
        throw new AnalysisException("GROUP_BY_POS_AGGREGATE", "GROUP BY " + ordinal + " refers to an expression "
            + unalias(item).prettyName() + " that contains an aggregate function. Aggregate functions are not"
            + " allowed in GROUP BY.");
      }
      return unalias(item);
    }
    if (g instanceof SqlIdentifier id && id.isSimple()) {
      if (childColumns == null) {
        childColumns = owner.context().columnNames(from);
      }
      LogicalExpr aliased = aliasedItem(id.getSimple(), childColumns);
      if (aliased != null) {
        return aliased;
      }
    }
    return exprs.translate(g);
  }

  /** The expression of the select item aliased {@code name}, when no column of the FROM clause has that name. */
  private LogicalExpr aliasedItem(String name, List<String> childColumns) {
    if (childColumns.stream().anyMatch(c -> c.equalsIgnoreCase(name))) {
      return null;
    }
    for (LogicalExpr item : items) {
      if (item instanceof LogicalExpr.Alias a && a.name().equalsIgnoreCase(name)) {
        return a.child();
      }
    }
    return null;
  }

  private List<LogicalExpr.SortOrder> order(SqlNodeList orderList) {
    List<LogicalExpr.SortOrder> out = new ArrayList<>();
    for (SqlNode o : orderList) {
      boolean ascending = true;
      Boolean nullsFirst = null;
      SqlNode e = o;
      while (true) {
        SqlKind k = e.getKind();
        if (k == SqlKind.DESCENDING) {
          ascending = false;
        } else if (k == SqlKind.NULLS_FIRST || k == SqlKind.NULLS_LAST) {
          nullsFirst = k == SqlKind.NULLS_FIRST;
        } else {
          break;
        }
        e = ((SqlBasicCall) e).operand(0);
      }
      Integer ordinal = ordinal(e);
      LogicalExpr key = ordinal != null
          ? outputRef(itemAt(ordinal, "ORDER_BY_POS_OUT_OF_RANGE", "ORDER BY"))
          : orderKey(exprs.translate(e));
      out.add(new LogicalExpr.SortOrder(key, ascending, nullsFirst != null ? nullsFirst : ascending));
    }
    return out;
  }

  private LogicalExpr orderKey(LogicalExpr e) {
    for (LogicalExpr item : items) {
      if (!(item instanceof LogicalExpr.UnresolvedColumn) && unalias(item).equals(e)) {
        return outputRef(item);
      }
    }
    return aggregateQuery ? referAggregates(e) : e;
  }

  /** {@code e} with each aggregate call replaced by a reference to the select item or hidden column computing it. */
  private LogicalExpr referAggregates(LogicalExpr e) {
    if (e instanceof LogicalExpr.Call c && (AggregateFunctions.isAggregate(c.name()) || isGroupingFunction(c))) {
      for (LogicalExpr item : items) {
        if (unalias(item).equals(c)) {
          return outputRef(item);
        }
      }
      for (LogicalExpr h : hidden) {
        if (unalias(h).equals(c)) {
          return outputRef(h);
        }
      }
      LogicalExpr h = new LogicalExpr.Alias(c, "__hidden_" + hidden.size() + "_" + c.name());
      hidden.add(h);
      return outputRef(h);
    }
    return SqlTranslator.mapChildren(e, this::referAggregates);
  }

  /**
   * A select item with window functions in an aggregate query, as Spark evaluates it: after the aggregation
   * (and HAVING), so the aggregates and grouping columns it reads become (hidden) columns of the aggregate's
   * output. Keeps the item's name.
   */
  private LogicalExpr overAggregates(LogicalExpr item) {
    String name = item instanceof LogicalExpr.Alias a ? a.name() : item.prettyName();
    return new LogicalExpr.Alias(aboveAggregate(unalias(item)), name);
  }

  private LogicalExpr aboveAggregate(LogicalExpr e) {
    if (e instanceof LogicalExpr.WindowExpression w) {
      LogicalExpr fn = w.function() instanceof LogicalExpr.Call c
          ? new LogicalExpr.Call(c.name(), c.args().stream().map(this::aboveAggregate).toList(), c.distinct())
          : aboveAggregate(w.function());
      List<LogicalExpr.SortOrder> order = new ArrayList<>();
      for (LogicalExpr.SortOrder o : w.window().orderBy()) {
        order.add(new LogicalExpr.SortOrder(aboveAggregate(o.child()), o.ascending(), o.nullsFirst()));
      }
      return new LogicalExpr.WindowExpression(fn, new LogicalExpr.WindowDefinition(
          w.window().partitionBy().stream().map(this::aboveAggregate).toList(), order, w.window().frame()));
    }
    if (e instanceof LogicalExpr.UnresolvedColumn || e instanceof LogicalExpr.Call c
        && AggregateFunctions.isAggregate(c.name())) {
      for (LogicalExpr item : items) {
        if (!hasWindow(item) && unalias(item).equals(e)) {
          return outputRef(item);
        }
      }
      for (LogicalExpr h : hidden) {
        if (unalias(h).equals(e)) {
          return outputRef(h);
        }
      }
      LogicalExpr h = new LogicalExpr.Alias(e, "__hidden_" + hidden.size() + "_"
          + (e instanceof LogicalExpr.Call c ? c.name() : "column"));
      hidden.add(h);
      return outputRef(h);
    }
    return SqlTranslator.mapChildren(e, this::aboveAggregate);
  }

  /** {@code grouping(..)}/{@code grouping_id(..)}: computed by the aggregation, as aggregates are. */
  private static boolean isGroupingFunction(LogicalExpr.Call c) {
    return c.name().equalsIgnoreCase("grouping") || c.name().equalsIgnoreCase("grouping_id");
  }

  static boolean hasSubquery(LogicalExpr e) {
    return e instanceof LogicalExpr.SubqueryExpression || e.children().stream().anyMatch(SelectTranslator::hasSubquery);
  }

  static boolean hasWindow(LogicalExpr e) {
    return e instanceof LogicalExpr.WindowExpression || e.children().stream().anyMatch(SelectTranslator::hasWindow);
  }

  private LogicalExpr itemAt(int ordinal, String errorClass, String clause) {
    if (ordinal < 1 || ordinal > items.size()) {
      throw new AnalysisException(errorClass, clause + " position " + ordinal + " is not in select list (valid range"
          + " is [1, " + items.size() + "]).");
    }
    LogicalExpr item = items.get(ordinal - 1);
    if (item instanceof LogicalExpr.Star) {
      throw SqlUnsupported.of(clause + " by the position of a star (*)");
    }
    return item;
  }

  private static Integer ordinal(SqlNode n) {
    if (n instanceof SqlNumericLiteral lit && lit.isInteger()) {
      return lit.intValue(true);
    }
    return null;
  }

  private static LogicalExpr outputRef(LogicalExpr item) {
    if (item instanceof LogicalExpr.UnresolvedColumn c) {
      return c;
    }
    return new LogicalExpr.UnresolvedColumn("`" + item.prettyName().replace("`", "``") + "`", null);
  }

  static LogicalExpr unalias(LogicalExpr e) {
    return e instanceof LogicalExpr.Alias a ? a.child() : e;
  }

  static boolean hasAggregate(LogicalExpr e) {
    if (e instanceof LogicalExpr.WindowExpression) {
      return false;
    }
    if (e instanceof LogicalExpr.Call c && AggregateFunctions.isAggregate(c.name())) {
      return true;
    }
    return e.children().stream().anyMatch(SelectTranslator::hasAggregate);
  }
}
