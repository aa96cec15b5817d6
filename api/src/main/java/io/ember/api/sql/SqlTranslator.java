package io.ember.api.sql;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;

/**
 * Translates SQL text into Ember's {@link LogicalPlan} and {@link LogicalExpr}, which the analyzer then resolves
 * as it does DataFrame API plans. Covers SELECT blocks (see {@link SelectTranslator}), FROM over temp views,
 * subqueries (with column alias lists) and joins (INNER, LEFT, RIGHT, FULL, CROSS, LEFT SEMI, LEFT ANTI; ON, USING or
 * NATURAL), UNION [ALL],
 * INTERSECT [ALL], EXCEPT [ALL] and MINUS,
 * ORDER BY and LIMIT/OFFSET over a set operation. Not thread-safe: one translator per query. Anything else parsed is refused with
 * {@code UNSUPPORTED_FEATURE.SQL}; text that does not parse with {@link ParseException}.
 */
public final class SqlTranslator {
  private final SqlContext context;
  private final ExprTranslator exprs;
  private final Deque<Map<String, LogicalPlan>> ctes = new ArrayDeque<>();

  public SqlTranslator(SqlContext context) {
    this.context = context;
    this.exprs = new ExprTranslator(context.timeZone(), this::query);
  }

  /**
   * The plan of one SQL query.
   *
   * @throws ParseException for a syntax error
   * @throws AnalysisException for an unknown table or a construct not supported yet
   */
  public LogicalPlan query(String sql) {
    SqlParsing.Parsed parsed = SqlParsing.parseQuery(WindowReferences.parenthesize(ReservedNames.quote(FirstLastCalls.quote(StarArguments.mark(sql)))));
    exprs.divOperators(parsed.divs());
    exprs.typedLiterals(parsed.literals());
    negativeLimits = parsed.negativeLimits();
    return query(parsed.tree());
  }

  /**
   * The expression of {@code text}, as {@code expr("a + 1")} or {@code selectExpr("a AS b")} take it; a trailing
   * {@code AS name} becomes an alias.
   *
   * @throws ParseException for a syntax error
   */
  public LogicalExpr expression(String text) {
    SqlParsing.Parsed parsed = SqlParsing.parseSelectItem(ReservedNames.quote(FirstLastCalls.quote(StarArguments.mark(text))));
    exprs.divOperators(parsed.divs());
    exprs.typedLiterals(parsed.literals());
    SqlSelect select = (SqlSelect) unwrapSelect(parsed.tree());
    if (select.getSelectList().size() != 1 || select.getFrom() != null) {
      throw new ParseException(null, 1, text.length(), null);
    }
    SqlNode item = select.getSelectList().get(0);
    if (item.getKind() == SqlKind.AS) {
      SqlBasicCall as = (SqlBasicCall) item;
      return new LogicalExpr.Alias(exprs.translate(as.operand(0)), ((SqlIdentifier) as.operand(1)).getSimple());
    }
    return exprs.translate(item);
  }

  private static SqlNode unwrapSelect(SqlNode n) {
    if (n instanceof SqlSelect) {
      return n;
    }
    throw new ParseException(null, 1, 0, null);
  }

  SqlContext context() {
    return context;
  }

  LogicalPlan query(SqlNode n) {
    if (n instanceof SqlOrderBy ob) {
      return ordered(ob.query, ob.orderList, ob.offset, ob.fetch);
    }
    if (n instanceof SqlSelect s) {
      return new SelectTranslator(this, exprs).translate(s, s.getOrderList(), s.getOffset(), s.getFetch());
    }
    SqlKind k = n.getKind();
    if (k == SqlKind.UNION) {
      return union((SqlBasicCall) n);
    }
    if (k == SqlKind.INTERSECT || k == SqlKind.EXCEPT) {
      return intersectOrExcept((SqlBasicCall) n, k == SqlKind.INTERSECT);
    }
    if (n instanceof SqlWith w) {
      return with(w);
    }
    throw SqlUnsupported.of("the query " + k);
  }

  /** {@code WITH a AS (...), b AS (...) body}: each name is visible in later definitions and in the body. */
  private LogicalPlan with(SqlWith w) {
    Map<String, LogicalPlan> scope = new HashMap<>();
    ctes.push(scope);
    try {
      for (SqlNode node : w.withList) {
        SqlWithItem item = (SqlWithItem) node;
        if (item.recursive != null && item.recursive.booleanValue()) {
          throw SqlUnsupported.of("recursive common table expressions");
        }
        String name = item.name.getSimple();
        if (scope.containsKey(name.toLowerCase(Locale.ROOT))) {
          throw new AnalysisException("DUPLICATED_CTE_NAMES",
              "CTE definition can't have duplicate names: `" + name + "`.");
        }
        LogicalPlan plan = query(item.query);
        if (item.columnList != null && !item.columnList.isEmpty()) {
          plan = renamed(plan, item.columnList.getList());
        }
        scope.put(name.toLowerCase(Locale.ROOT), plan);
      }
      return query(w.body);
    } finally {
      ctes.pop();
    }
  }

  /** A name in FROM: a common table expression in scope (innermost first), else a temp view. */
  private LogicalPlan lookup(SqlIdentifier id) {
    if (id.isSimple()) {
      for (Map<String, LogicalPlan> scope : ctes) {
        LogicalPlan plan = scope.get(id.getSimple().toLowerCase(Locale.ROOT));
        if (plan != null) {
          return plan;
        }
      }
    }
    return context.lookupTable(String.join(".", id.names));
  }

  private LogicalPlan ordered(SqlNode query, SqlNodeList orderList, SqlNode offset, SqlNode fetch) {
    if (query instanceof SqlSelect s && s.getOrderList() == null && s.getFetch() == null && s.getOffset() == null) {
      return new SelectTranslator(this, exprs).translate(s, orderList, offset, fetch);
    }
    LogicalPlan plan = query(query);
    if (orderList != null && !orderList.isEmpty()) {
      List<String> names = context.columnNames(plan);
      List<LogicalExpr.SortOrder> order = new ArrayList<>();
      for (SqlNode o : orderList) {
        order.add(setOrderKey(o, names));
      }
      plan = new LogicalPlan.Sort(PlanIds.next(), order, plan);
    }
    return limit(plan, offset, fetch);
  }

  /** A key of ORDER BY over a set operation: a column of its output, by name or position. */
  private LogicalExpr.SortOrder setOrderKey(SqlNode o, List<String> names) {
    boolean ascending = true;
    Boolean nullsFirst = null;
    SqlNode e = o;
    while (e.getKind() == SqlKind.DESCENDING || e.getKind() == SqlKind.NULLS_FIRST
        || e.getKind() == SqlKind.NULLS_LAST) {
      if (e.getKind() == SqlKind.DESCENDING) {
        ascending = false;
      } else {
        nullsFirst = e.getKind() == SqlKind.NULLS_FIRST;
      }
      e = ((SqlBasicCall) e).operand(0);
    }
    LogicalExpr key;
    if (e instanceof SqlNumericLiteral lit && lit.isInteger()) {
      int pos = lit.intValue(true);
      if (pos < 1 || pos > names.size()) {
        throw new AnalysisException("ORDER_BY_POS_OUT_OF_RANGE", "ORDER BY position " + pos
            + " is not in select list (valid range is [1, " + names.size() + "]).");
      }
      key = new LogicalExpr.UnresolvedColumn("`" + names.get(pos - 1).replace("`", "``") + "`", null);
    } else {
      key = exprs.translate(e);
    }
    return new LogicalExpr.SortOrder(key, ascending, nullsFirst != null ? nullsFirst : ascending);
  }

  private LogicalPlan union(SqlBasicCall call) {
    List<LogicalPlan> inputs = new ArrayList<>();
    for (SqlNode operand : call.getOperandList()) {
      inputs.add(query(operand));
    }
    LogicalPlan union = new LogicalPlan.Union(PlanIds.next(), inputs, false, false);
    boolean all = ((SqlSetOperator) call.getOperator()).isAll();
    return all ? union : new LogicalPlan.Deduplicate(PlanIds.next(), List.of(), union);
  }

  /** {@code INTERSECT [ALL|DISTINCT]}, {@code EXCEPT [ALL|DISTINCT]} and {@code MINUS}, left-associative. */
  private LogicalPlan intersectOrExcept(SqlBasicCall call, boolean intersect) {
    boolean all = ((SqlSetOperator) call.getOperator()).isAll();
    List<SqlNode> operands = call.getOperandList();
    LogicalPlan plan = query(operands.get(0));
    for (int i = 1; i < operands.size(); i++) {
      plan = context.setOperation(plan, query(operands.get(i)), intersect, all);
    }
    return plan;
  }

  private NegativeLimits negativeLimits = NegativeLimits.NONE;

  LogicalPlan limit(LogicalPlan plan, SqlNode offset, SqlNode fetch) {
    if (offset == null && fetch == null) {
      return plan;
    }
    int limit = fetch == null ? Integer.MAX_VALUE : count(fetch, "limit");
    int skip = offset == null ? 0 : count(offset, "offset");
    return new LogicalPlan.Limit(PlanIds.next(), limit, skip, plan);
  }

  private int count(SqlNode n, String what) {
    if (n instanceof SqlNumericLiteral lit && lit.isInteger()) {
      long v = negativeLimits.isNegated(lit) ? -lit.longValue(true) : lit.longValue(true);
      if (v < 0) {
        throw new AnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "The " + what + " like expression \""
            + v + "\" is invalid. The " + what + " expression must be equal to or greater than 0, but got " + v + ".");
      }
      return (int) Math.min(Integer.MAX_VALUE, v);
    }
    throw SqlUnsupported.of("a " + what + " that is not an integer literal");
  }

  LogicalPlan from(SqlNode n) {
    if (n instanceof SqlIdentifier id) {
      return table(id, id.names.get(id.names.size() - 1));
    }
    if (n instanceof SqlJoin j) {
      return join(j);
    }
    if (n.getKind() == SqlKind.AS) {
      SqlBasicCall as = (SqlBasicCall) n;
      String alias = ((SqlIdentifier) as.operand(1)).getSimple();
      SqlNode inner = as.operand(0);
      LogicalPlan plan = inner instanceof SqlIdentifier id ? lookup(id) : from(inner);
      if (as.operandCount() > 2) {
        plan = renamed(plan, as.getOperandList().subList(2, as.operandCount()));
      }
      return new LogicalPlan.SubqueryAlias(PlanIds.next(), alias, plan);
    }
    SqlKind k = n.getKind();
    if (k == SqlKind.SELECT || k == SqlKind.ORDER_BY || k == SqlKind.UNION || k == SqlKind.INTERSECT
        || k == SqlKind.EXCEPT || k == SqlKind.WITH) {
      return query(n);
    }
    throw SqlUnsupported.of("this FROM item (" + k + ")");
  }

  /**
   * {@code plan} with its columns renamed, in order, to {@code names}: the column lists of {@code WITH c(a, b) AS}
   * and {@code FROM (...) AS x(a, b)}.
   *
   * @throws AnalysisException when the numbers of names and columns differ (Spark's message)
   */
  private LogicalPlan renamed(LogicalPlan plan, List<SqlNode> names) {
    List<String> existing = context.columnNames(plan);
    if (names.size() != existing.size()) {
      throw new AnalysisException(null, "Number of column aliases does not match number of columns. Number of column"
          + " aliases: " + names.size() + "; number of columns: " + existing.size() + ".");
    }
    List<LogicalExpr> projections = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      LogicalExpr column = new LogicalExpr.UnresolvedColumn("`" + existing.get(i).replace("`", "``") + "`", null);
      projections.add(new LogicalExpr.Alias(column, ((SqlIdentifier) names.get(i)).getSimple()));
    }
    return new LogicalPlan.Project(PlanIds.next(), projections, plan);
  }

  private LogicalPlan table(SqlIdentifier id, String alias) {
    LogicalPlan plan = lookup(id);
    return new LogicalPlan.SubqueryAlias(PlanIds.next(), alias, plan);
  }

  private LogicalPlan join(SqlJoin j) {
    LogicalPlan left = from(j.getLeft());
    LogicalPlan right = from(j.getRight());
    JoinConditionType cond = j.getConditionType();
    List<String> natural = j.isNatural() ? commonColumns(left, right) : List.of();
    String type = switch (j.getJoinType()) {
      case INNER -> cond == JoinConditionType.NONE && natural.isEmpty() ? "cross" : "inner";
      case LEFT -> "left_outer";
      case RIGHT -> "right_outer";
      case FULL -> "full_outer";
      case CROSS, COMMA -> "cross";
      case LEFT_SEMI_JOIN -> "left_semi";
      case LEFT_ANTI_JOIN -> "left_anti";
      default -> throw SqlUnsupported.of(j.getJoinType() + " joins");
    };
    if (!natural.isEmpty()) {
      return new LogicalPlan.Join(PlanIds.next(), left, right, type, null, natural);
    }
    if (cond == JoinConditionType.USING) {
      List<String> using = new ArrayList<>();
      for (SqlNode c : (SqlNodeList) j.getCondition()) {
        using.add(((SqlIdentifier) c).getSimple());
      }
      return new LogicalPlan.Join(PlanIds.next(), left, right, type, null, using);
    }
    LogicalExpr condition = cond == JoinConditionType.ON ? exprs.translate(j.getCondition()) : null;
    return new LogicalPlan.Join(PlanIds.next(), left, right, type, condition, List.of());
  }

  /**
   * The columns of a NATURAL JOIN: those both sides have, in the left side's order (names compared
   * case-insensitively, as Spark does by default).
   */
  private List<String> commonColumns(LogicalPlan left, LogicalPlan right) {
    List<String> rightNames = context.columnNames(right).stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    List<String> out = new ArrayList<>();
    for (String c : context.columnNames(left)) {
      if (rightNames.contains(c.toLowerCase(Locale.ROOT)) && !out.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** {@code e} with {@code f} applied to each direct child. */
  static LogicalExpr mapChildren(LogicalExpr e, UnaryOperator<LogicalExpr> f) {
    if (e instanceof LogicalExpr.Call c) {
      return new LogicalExpr.Call(c.name(), c.args().stream().map(f).toList(), c.distinct());
    } else if (e instanceof LogicalExpr.Operator o) {
      return new LogicalExpr.Operator(o.op(), o.args().stream().map(f).toList());
    } else if (e instanceof LogicalExpr.Cast c) {
      return new LogicalExpr.Cast(f.apply(c.child()), c.to());
    } else if (e instanceof LogicalExpr.Alias a) {
      return new LogicalExpr.Alias(f.apply(a.child()), a.name());
    } else if (e instanceof LogicalExpr.CaseWhen c) {
      return new LogicalExpr.CaseWhen(c.conditions().stream().map(f).toList(), c.values().stream().map(f).toList(),
          c.otherwise() == null ? null : f.apply(c.otherwise()));
    } else if (e instanceof LogicalExpr.SortOrder s) {
      return new LogicalExpr.SortOrder(f.apply(s.child()), s.ascending(), s.nullsFirst());
    } else if (e instanceof LogicalExpr.SubqueryExpression s) {
      return s.withValues(s.values().stream().map(f).toList());
    }
    return e;
  }
}
