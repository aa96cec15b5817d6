package io.ember.api.sql;

import io.ember.core.types.DdlParser;
import io.ember.api.internal.Literals;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Translates a parsed SQL expression into a {@link LogicalExpr}: columns by name, functions by name (lower-cased,
 * as {@code functions} names them), operators to {@link Op}, literals typed as Spark types them (an integer is
 * int when it fits, else bigint, else decimal; {@code 1.5} is {@code decimal(2,1)}; {@code 1e3} is double).
 * Syntax Ember cannot run yet is refused with {@link SqlUnsupported}.
 */
final class ExprTranslator {
  private final ZoneId timeZone;
  private final java.util.function.Function<SqlNode, io.ember.api.logical.LogicalPlan> subqueries;

  /** {@code subqueries} translates the query of a subquery expression (within the enclosing query's CTEs). */
  ExprTranslator(ZoneId timeZone, java.util.function.Function<SqlNode, io.ember.api.logical.LogicalPlan> subqueries) {
    this.timeZone = timeZone;
    this.subqueries = subqueries;
  }

  private DivOperators divs = DivOperators.NONE;

  /** Which divisions of the tree being translated were written {@code DIV}. */
  void divOperators(DivOperators d) {
    this.divs = d;
  }

  private TypedLiterals typedLiterals = TypedLiterals.NONE;

  /** The typed numeric literals ({@code 10L}, {@code 1.5D}, ...) of the tree being translated. */
  void typedLiterals(TypedLiterals t) {
    this.typedLiterals = t;
  }

  LogicalExpr translate(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return identifier(id);
    } else if (node instanceof SqlLiteral lit) {
      return literal(lit, false);
    } else if (node instanceof SqlCase c) {
      return caseWhen(c);
    } else if (node instanceof SqlCall call) {
      return call(call);
    }
    throw SqlUnsupported.of("the expression " + node);
  }

  List<LogicalExpr> translateAll(List<SqlNode> nodes) {
    List<LogicalExpr> out = new ArrayList<>(nodes.size());
    for (SqlNode n : nodes) {
      out.add(translate(n));
    }
    return out;
  }

  /** {@code a}, {@code t.a}, {@code *} or {@code t.*}; a name part holding a dot is kept in backticks. */
  LogicalExpr identifier(SqlIdentifier id) {
    if (id.isStar() || StarArguments.NAME.equals(id.names.get(id.names.size() - 1))) {
      List<String> parts = id.names.subList(0, id.names.size() - 1);
      return new LogicalExpr.Star(parts.isEmpty() ? null : String.join(".", parts));
    }
    return new LogicalExpr.UnresolvedColumn(dottedName(id), null);
  }

  static String dottedName(SqlIdentifier id) {
    List<String> parts = new ArrayList<>();
    for (String n : id.names) {
      parts.add(n.contains(".") || n.contains("`") ? "`" + n.replace("`", "``") + "`" : n);
    }
    return String.join(".", parts);
  }

  private LogicalExpr call(SqlCall call) {
    SqlKind kind = call.getKind();
    List<SqlNode> ops = call.getOperandList();
    if (kind == SqlKind.DIVIDE && divs.isDiv(call)) {
      LogicalExpr a = translate(ops.get(0));
      LogicalExpr b = translate(ops.get(1));
      return new LogicalExpr.Alias(new LogicalExpr.Call("div", List.of(a, b), false),
          "(" + a.prettyName() + " div " + b.prettyName() + ")");
    }
    Op op = binaryOp(kind);
    if (op != null) {
      return new LogicalExpr.Operator(op, translateAll(ops));
    }
    switch (kind) {
      case NOT:
        return new LogicalExpr.Operator(Op.NOT, List.of(translate(ops.get(0))));
      case MINUS_PREFIX:
        if (ops.get(0) instanceof SqlNumericLiteral n) {
          return literal(n, true);
        }
        return new LogicalExpr.Operator(Op.NEGATE, List.of(translate(ops.get(0))));
      case PLUS_PREFIX:
        return translate(ops.get(0));
      case IS_NULL:
        return new LogicalExpr.Operator(Op.IS_NULL, List.of(translate(ops.get(0))));
      case IS_NOT_NULL:
        return new LogicalExpr.Operator(Op.IS_NOT_NULL, List.of(translate(ops.get(0))));
      case IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE:
        return isBoolean(kind, translate(ops.get(0)));
      case TRIM:
        return trim(call);
      case EXTRACT:
        return extract(call);
      case IN, NOT_IN:
        return in(call, kind == SqlKind.NOT_IN);
      case BETWEEN:
        return between(call);
      case LIKE:
        return like(call);
      case RLIKE:
        return rlike(call);
      case CAST:
        if (ops.get(1) instanceof SqlIntervalQualifier q) {
          return new LogicalExpr.Cast(translate(ops.get(0)), IntervalLiterals.type(q));
        }
        return new LogicalExpr.Cast(translate(ops.get(0)), type((SqlDataTypeSpec) ops.get(1)));
      case INTERVAL:
        return IntervalLiterals.call(call);
      case ITEM:
        return new LogicalExpr.Operator(Op.EXTRACT_VALUE, translateAll(ops));
      case DOT:
        return new LogicalExpr.Operator(Op.EXTRACT_VALUE, List.of(translate(ops.get(0)),
            Literals.of(((SqlIdentifier) ops.get(1)).getSimple())));
      case AS:
        throw SqlUnsupported.of("an alias (AS) inside an expression");
      case EXISTS:
        return subquery(LogicalExpr.SubqueryExpression.Kind.EXISTS, List.of(), ops.get(0));
      case SCALAR_QUERY:
        return subquery(LogicalExpr.SubqueryExpression.Kind.SCALAR, List.of(), ops.get(0));
      case SELECT, ORDER_BY, UNION, INTERSECT, EXCEPT, WITH:
        return subquery(LogicalExpr.SubqueryExpression.Kind.SCALAR, List.of(), call);
      case OVER:
        return over(call);
      case FILTER:
        return filtered(call);
      case IGNORE_NULLS:
        return ignoringNulls(translate(ops.get(0)));
      case RESPECT_NULLS:
        return translate(ops.get(0));
      default:
        return function(call);
    }
  }

  /** Aggregates whose result ignores NULL inputs, so that a FILTER can be applied by nulling the rows it drops. */
  private static final java.util.Set<String> NULL_IGNORING = java.util.Set.of("count", "sum", "avg", "mean", "min",
      "max", "collect_list", "collect_set", "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp",
      "var_pop", "approx_count_distinct", "count_distinct", "countdistinct", "bool_and", "every", "bool_or", "some",
      "any", "count_if");

  /**
   * {@code agg(args) FILTER (WHERE cond)}: the aggregate sees only the rows where {@code cond} is true (Spark's
   * semantics; {@code count} of no row is 0, {@code sum} of none NULL). Each argument becomes
   * {@code CASE WHEN cond THEN arg END} ({@code count(*)}'s becomes {@code CASE WHEN cond THEN 1 END}), which is the
   * same for every aggregate that ignores NULL inputs, DISTINCT included; the column is named as Spark names it,
   * {@code count(1) FILTER (WHERE (v > 0))}. {@code first}/{@code last}, whose result depends on the NULLs they see,
   * are rewritten by {@link #firstOrLastWhere}.
   *
   * @throws io.ember.core.errors.AnalysisException {@code INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX} for a
   *     function that is not an aggregate, and {@code UNSUPPORTED_FEATURE.SQL} for another aggregate that does not
   *     ignore NULLs
   */
  private LogicalExpr filtered(SqlCall call) {
    LogicalExpr aggregate = translate(call.operand(0));
    if (!(aggregate instanceof LogicalExpr.Call agg)
        || !io.ember.operators.aggregate.AggregateFunctions.isAggregate(agg.name())) {
      String name = aggregate instanceof LogicalExpr.Call c ? c.name() : aggregate.prettyName();
      throw new io.ember.core.errors.AnalysisException("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX",
          "Invalid SQL syntax: The function `" + name + "` does not support FILTER.");
    }
    LogicalExpr condition = translate(call.operand(1));
    if (FIRST_LAST.contains(agg.name().toLowerCase(Locale.ROOT))) {
      return new LogicalExpr.Alias(firstOrLastWhere(agg, condition),
          agg.prettyName() + " FILTER (WHERE " + condition.prettyName() + ")");
    }
    if (!NULL_IGNORING.contains(agg.name().toLowerCase(Locale.ROOT))) {
      throw SqlUnsupported.of("FILTER (WHERE ..) on " + agg.name());
    }
    List<LogicalExpr> args = new ArrayList<>(agg.args().size());
    for (LogicalExpr arg : agg.args()) {
      LogicalExpr value = arg instanceof LogicalExpr.Star ? Literals.of(1) : arg;
      args.add(new LogicalExpr.CaseWhen(List.of(condition), List.of(value), null));
    }
    return new LogicalExpr.Alias(new LogicalExpr.Call(agg.name(), args, agg.distinct()),
        agg.prettyName() + " FILTER (WHERE " + condition.prettyName() + ")");
  }

  private static final java.util.Set<String> FIRST_LAST = java.util.Set.of("first", "first_value", "last",
      "last_value");

  /**
   * {@code first/last(x[, ignoreNulls]) FILTER (WHERE cond)}: the first or last value among the rows where
   * {@code cond} holds. Ignoring NULLs, that is the aggregate of {@code CASE WHEN cond THEN x END}; respecting them,
   * a NULL {@code x} of a matching row must count, so each matching row's value travels in a one-element array (never
   * NULL), the aggregate skips the NULLs of the rows that do not match, and the element is taken out again.
   */
  private static LogicalExpr firstOrLastWhere(LogicalExpr.Call agg, LogicalExpr condition) {
    if (agg.args().isEmpty() || agg.args().size() > 2) {
      return agg; // the analyzer reports the wrong number of arguments
    }
    LogicalExpr value = agg.args().get(0);
    boolean ignoreNulls = false;
    if (agg.args().size() == 2) {
      if (!(agg.args().get(1) instanceof LogicalExpr.LiteralValue l && l.value() instanceof Boolean b)) {
        throw SqlUnsupported.of("FILTER (WHERE ..) on " + agg.name() + " with an ignoreNulls that is not a literal");
      }
      ignoreNulls = b;
    }
    if (ignoreNulls) {
      return new LogicalExpr.Call(agg.name(), List.of(new LogicalExpr.CaseWhen(List.of(condition), List.of(value),
          null), Literals.of(true)), false);
    }
    LogicalExpr boxed = new LogicalExpr.CaseWhen(List.of(condition),
        List.of(new LogicalExpr.Call("array", List.of(value), false)), null);
    LogicalExpr picked = new LogicalExpr.Call(agg.name(), List.of(boxed, Literals.of(true)), false);
    return new LogicalExpr.Call("element_at", List.of(picked, Literals.of(1)), false);
  }

  private static Op binaryOp(SqlKind kind) {
    return switch (kind) {
      case PLUS -> Op.ADD;
      case MINUS -> Op.SUBTRACT;
      case TIMES -> Op.MULTIPLY;
      case DIVIDE -> Op.DIVIDE;
      case MOD -> Op.REMAINDER;
      case EQUALS -> Op.EQUAL;
      case NOT_EQUALS -> Op.NOT_EQUAL;
      case LESS_THAN -> Op.LESS_THAN;
      case LESS_THAN_OR_EQUAL -> Op.LESS_THAN_OR_EQUAL;
      case GREATER_THAN -> Op.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL -> Op.GREATER_THAN_OR_EQUAL;
      case IS_NOT_DISTINCT_FROM -> Op.NULL_SAFE_EQUAL;
      case AND -> Op.AND;
      case OR -> Op.OR;
      default -> null;
    };
  }

  private LogicalExpr function(SqlCall call) {
    if (!(call instanceof SqlBasicCall)) {
      throw SqlUnsupported.of("the syntax " + call.getOperator().getName());
    }
    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
    List<LogicalExpr> args = new ArrayList<>();
    for (SqlNode n : call.getOperandList()) {
      if (n == null || (n instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.SYMBOL)) {
        throw SqlUnsupported.of("the special syntax of " + call.getOperator().getName()
            + "; call it with plain arguments");
      }
      args.add(n instanceof SqlIdentifier id && id.isStar() ? identifier(id) : translate(n));
    }
    if ((name.equals("date_part") || name.equals("datepart")) && args.size() == 2
        && args.get(0) instanceof LogicalExpr.LiteralValue field && field.value() instanceof String f) {
      return DateParts.extract(f, args.get(1), name + "(" + f + ", " + args.get(1).prettyName() + ")");
    }
    if (name.equals("||")) {
      name = "concat";
    } else if (name.equals("translate3")) {
      name = "translate"; // the parser's name for translate(input, from, to)
    }
    SqlLiteral quantifier = call.getFunctionQuantifier();
    boolean distinct = quantifier != null && "DISTINCT".equals(quantifier.toValue());
    return new LogicalExpr.Call(name, args, distinct);
  }

  /**
   * {@code f(..) OVER (PARTITION BY .. ORDER BY .. [ROWS|RANGE BETWEEN lower AND upper])}: without a frame the
   * window has Spark's default frame; {@code ROWS n PRECEDING} alone ends at the current row.
   */
  private LogicalExpr over(SqlCall call) {
    SqlNode fn = call.operand(0);
    boolean ignoreNulls = false;
    if (fn.getKind() == SqlKind.IGNORE_NULLS || fn.getKind() == SqlKind.RESPECT_NULLS) {
      ignoreNulls = fn.getKind() == SqlKind.IGNORE_NULLS;
      fn = ((SqlCall) fn).operand(0);
    }
    LogicalExpr function = translate(fn);
    if (ignoreNulls) {
      function = ignoringNulls(function);
    }
    SqlNode over = call.operand(1);
    WindowSpec w = over instanceof SqlIdentifier id ? named(id.getSimple(), 0)
        : spec((org.apache.calcite.sql.SqlWindow) over, 0);
    List<LogicalExpr> partition = translateAll(w.partition());
    List<LogicalExpr.SortOrder> order = new ArrayList<>();
    for (SqlNode o : w.order()) {
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
        e = ((SqlCall) e).operand(0);
      }
      order.add(new LogicalExpr.SortOrder(translate(e), ascending, nullsFirst != null ? nullsFirst : ascending));
    }
    io.ember.operators.analytic.WindowFrame frame = null;
    org.apache.calcite.sql.SqlWindow f = w.frame();
    if (f != null) {
      long upper = f.getUpperBound() == null ? io.ember.operators.analytic.WindowFrame.CURRENT_ROW
          : frameBound(f.getUpperBound());
      frame = new io.ember.operators.analytic.WindowFrame(f.isRows(), frameBound(f.getLowerBound()), upper);
    }
    return new LogicalExpr.WindowExpression(function, new LogicalExpr.WindowDefinition(partition, order, frame));
  }

  /** A window's partitioning, order and the window whose frame it has (null: the default frame). */
  private record WindowSpec(List<SqlNode> partition, List<SqlNode> order, org.apache.calcite.sql.SqlWindow frame) {}

  /**
   * Enters a SELECT block's WINDOW clause: its named windows become what {@code OVER name} and {@code OVER (name
   * ...)} refer to; returns the enclosing block's, for {@link #leaveWindows}.
   */
  java.util.Map<String, org.apache.calcite.sql.SqlWindow> enterWindows(SqlNodeList windowList) {
    java.util.Map<String, org.apache.calcite.sql.SqlWindow> outer = windows;
    java.util.Map<String, org.apache.calcite.sql.SqlWindow> named = new java.util.HashMap<>();
    if (windowList != null) {
      for (SqlNode n : windowList) {
        org.apache.calcite.sql.SqlWindow w = (org.apache.calcite.sql.SqlWindow) n;
        named.put(w.getDeclName().getSimple().toLowerCase(Locale.ROOT), w);
      }
    }
    windows = named;
    return outer;
  }

  void leaveWindows(java.util.Map<String, org.apache.calcite.sql.SqlWindow> outer) {
    windows = outer;
  }

  private java.util.Map<String, org.apache.calcite.sql.SqlWindow> windows = java.util.Map.of();

  /** The named window {@code name} of the WINDOW clause. */
  private WindowSpec named(String name, int depth) {
    org.apache.calcite.sql.SqlWindow w = windows.get(name.toLowerCase(Locale.ROOT));
    if (w == null) {
      throw new io.ember.core.errors.AnalysisException("MISSING_WINDOW_SPECIFICATION", "Window specification "
          + name + " is not defined in the WINDOW clause for " + name + ".");
    }
    if (depth > windows.size()) {
      throw new io.ember.core.errors.AnalysisException("INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION",
          "Invalid SQL syntax: The window " + name + " is defined in terms of itself.");
    }
    return spec(w, depth + 1);
  }

  /**
   * A window specification; one that names another window ({@code (w ORDER BY ..)}, {@code (w ROWS ..)}) takes
   * that window's partitioning and order, adds an order when it has none, and may give the frame.
   */
  private WindowSpec spec(org.apache.calcite.sql.SqlWindow w, int depth) {
    org.apache.calcite.sql.SqlWindow frame = w.getLowerBound() != null ? w : null;
    if (w.getRefName() == null) {
      return new WindowSpec(w.getPartitionList().getList(), w.getOrderList().getList(), frame);
    }
    WindowSpec base = named(w.getRefName().getSimple(), depth);
    if (!w.getPartitionList().isEmpty()) {
      throw SqlUnsupported.of("PARTITION BY in a window that refers to the named window " + w.getRefName());
    }
    if (!w.getOrderList().isEmpty() && !base.order().isEmpty()) {
      throw SqlUnsupported.of("ORDER BY in a window that refers to the ordered named window " + w.getRefName());
    }
    return new WindowSpec(base.partition(), w.getOrderList().isEmpty() ? base.order() : w.getOrderList().getList(),
        frame != null ? frame : base.frame());
  }

  /**
   * {@code f(..) IGNORE NULLS} as the function's {@code ignoreNulls} argument: the second of first/last(_value),
   * the third of nth_value, the fourth of lag/lead (after the offset, 1, and the default, null).
   */
  private static LogicalExpr ignoringNulls(LogicalExpr function) {
    if (!(function instanceof LogicalExpr.Call c)) {
      throw SqlUnsupported.of("IGNORE NULLS on " + function.prettyName());
    }
    List<LogicalExpr> args = new ArrayList<>(c.args());
    int position = switch (c.name()) {
      case "first", "first_value", "last", "last_value" -> 1;
      case "nth_value" -> 2;
      case "lag", "lead" -> 3;
      default -> throw SqlUnsupported.of("IGNORE NULLS on " + c.name());
    };
    if (args.size() > position) {
      throw SqlUnsupported.of("IGNORE NULLS together with an ignoreNulls argument of " + c.name());
    }
    if (position == 3) {
      if (args.size() == 1) {
        args.add(Literals.of(1));
      }
      if (args.size() == 2) {
        args.add(Literals.of(null));
      }
    }
    if (args.size() != position) {
      throw SqlUnsupported.of("IGNORE NULLS on " + c.prettyName());
    }
    args.add(Literals.of(true));
    return new LogicalExpr.Call(c.name(), args, c.distinct());
  }

  private static long frameBound(SqlNode b) {
    if (org.apache.calcite.sql.SqlWindow.isUnboundedPreceding(b)) {
      return io.ember.operators.analytic.WindowFrame.UNBOUNDED_PRECEDING;
    } else if (org.apache.calcite.sql.SqlWindow.isUnboundedFollowing(b)) {
      return io.ember.operators.analytic.WindowFrame.UNBOUNDED_FOLLOWING;
    } else if (org.apache.calcite.sql.SqlWindow.isCurrentRow(b)) {
      return io.ember.operators.analytic.WindowFrame.CURRENT_ROW;
    }
    if (b instanceof SqlCall c && (c.getKind() == SqlKind.PRECEDING || c.getKind() == SqlKind.FOLLOWING)
        && c.operand(0) instanceof SqlNumericLiteral n && n.isExact()) {
      long v = n.getValueAs(Long.class);
      return c.getKind() == SqlKind.PRECEDING ? -v : v;
    }
    throw SqlUnsupported.of("the frame bound " + b + " (use a number of rows or of order-key units)");
  }

  /** {@code x IS [NOT] TRUE|FALSE}: never null, as {@code x <=> true} (negated for NOT). */
  private static LogicalExpr isBoolean(SqlKind kind, LogicalExpr x) {
    boolean value = kind == SqlKind.IS_TRUE || kind == SqlKind.IS_NOT_TRUE;
    LogicalExpr test = new LogicalExpr.Operator(Op.NULL_SAFE_EQUAL, List.of(x, Literals.of(value)));
    return kind == SqlKind.IS_NOT_TRUE || kind == SqlKind.IS_NOT_FALSE
        ? new LogicalExpr.Operator(Op.NOT, List.of(test)) : test;
  }

  /**
   * {@code TRIM([BOTH|LEADING|TRAILING] [chars] FROM s)} (the parser reads {@code trim(s)} as
   * {@code TRIM(BOTH ' ' FROM s)}): trim, ltrim or rtrim of s, of spaces or of the characters of chars.
   */
  private LogicalExpr trim(SqlCall call) {
    SqlNode chars = call.operand(1);
    boolean spaces = chars instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.CHAR
        && " ".equals(((NlsString) l.getValue()).getValue());
    String flag = ((SqlLiteral) call.operand(0)).toValue();
    String name = switch (flag == null ? "BOTH" : flag) {
      case "LEADING" -> "ltrim";
      case "TRAILING" -> "rtrim";
      default -> "trim";
    };
    LogicalExpr src = translate(call.operand(2));
    return new LogicalExpr.Call(name, spaces ? List.of(src) : List.of(translate(chars), src), false);
  }

  /** {@code EXTRACT(field FROM source)}, Spark's date_part (see {@link DateParts}), named as Spark names it. */
  private LogicalExpr extract(SqlCall call) {
    SqlIntervalQualifier q = (SqlIntervalQualifier) call.operand(0);
    String field = (q.timeFrameName != null ? q.timeFrameName : q.timeUnitRange.name()).toUpperCase(Locale.ROOT);
    LogicalExpr src = translate(call.operand(1));
    return DateParts.extract(field, src, "extract(" + field + " FROM " + src.prettyName() + ")");
  }

  private LogicalExpr in(SqlCall call, boolean negated) {
    SqlNode list = call.operand(1);
    if (!(list instanceof SqlNodeList values)) {
      SqlNode left = call.operand(0);
      List<LogicalExpr> lhs = left.getKind() == SqlKind.ROW
          ? translateAll(((SqlCall) left).getOperandList()) : List.of(translate(left));
      LogicalExpr in = subquery(LogicalExpr.SubqueryExpression.Kind.IN, lhs, list);
      return negated ? new LogicalExpr.Operator(Op.NOT, List.of(in)) : in;
    }
    List<LogicalExpr> args = new ArrayList<>();
    args.add(translate(call.operand(0)));
    args.addAll(translateAll(values.getList()));
    LogicalExpr in = new LogicalExpr.Operator(Op.IN, args);
    return negated ? new LogicalExpr.Operator(Op.NOT, List.of(in)) : in;
  }

  /** A subquery expression over the plan of {@code query}, which the analyzer decorrelates into a join. */
  private LogicalExpr subquery(LogicalExpr.SubqueryExpression.Kind kind, List<LogicalExpr> values, SqlNode query) {
    return new LogicalExpr.SubqueryExpression(kind, values, subqueries.apply(query),
        io.ember.api.logical.PlanIds.next());
  }

  private LogicalExpr between(SqlCall call) {
    String text = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (text.contains("SYMMETRIC") && !text.contains("ASYMMETRIC")) {
      throw SqlUnsupported.of("BETWEEN SYMMETRIC");
    }
    LogicalExpr b = new LogicalExpr.Operator(Op.BETWEEN, translateAll(call.getOperandList()));
    return text.startsWith("NOT") ? new LogicalExpr.Operator(Op.NOT, List.of(b)) : b;
  }

  /** {@code s [NOT] LIKE pattern [ESCAPE c]}. */
  private LogicalExpr like(SqlCall call) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (name.contains("ILIKE") || name.contains("SIMILAR")) {
      throw SqlUnsupported.of(name);
    }
    LogicalExpr str = translate(call.operand(0));
    LogicalExpr pattern = translate(call.operand(1));
    List<LogicalExpr> args = call.operandCount() > 2 ? List.of(str, pattern, translate(call.operand(2)))
        : List.of(str, pattern);
    String shown = str.prettyName() + " LIKE " + pattern.prettyName()
        + (args.size() > 2 ? " ESCAPE " + args.get(2).prettyName() : "");
    LogicalExpr like = new LogicalExpr.Alias(new LogicalExpr.Call("like", args, false), shown);
    return name.startsWith("NOT") ? new LogicalExpr.Operator(Op.NOT, List.of(like)) : like;
  }

  /** {@code s [NOT] RLIKE regex}, named {@code RLIKE(s, regex)} as {@code Column.rlike} names it. */
  private LogicalExpr rlike(SqlCall call) {
    LogicalExpr r = new LogicalExpr.Call("RLIKE", translateAll(call.getOperandList()), false);
    boolean negated = call.getOperator().getName().toUpperCase(Locale.ROOT).startsWith("NOT");
    return negated ? new LogicalExpr.Operator(Op.NOT, List.of(r)) : r;
  }

  private LogicalExpr caseWhen(SqlCase c) {
    LogicalExpr subject = c.getValueOperand() == null ? null : translate(c.getValueOperand());
    List<LogicalExpr> conditions = new ArrayList<>();
    for (SqlNode w : c.getWhenOperands()) {
      LogicalExpr when = translate(w);
      conditions.add(subject == null ? when : new LogicalExpr.Operator(Op.EQUAL, List.of(subject, when)));
    }
    List<LogicalExpr> values = translateAll(c.getThenOperands().getList());
    SqlNode otherwise = c.getElseOperand();
    boolean noElse = otherwise == null
        || (otherwise instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.NULL && isImplicitNull(c));
    return new LogicalExpr.CaseWhen(conditions, values, noElse ? null : translate(otherwise));
  }

  /** The parser fills a missing ELSE with a NULL literal; an ELSE written by the user has its own position. */
  private static boolean isImplicitNull(SqlCase c) {
    return c.getElseOperand().getParserPosition().equals(c.getParserPosition());
  }

  /** A Spark type named in {@code CAST}: STRING, INT, BIGINT, DOUBLE, DATE, TIMESTAMP, DECIMAL(p,s), BOOLEAN... */
  private static DataType type(SqlDataTypeSpec spec) {
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    String text;
    if (name instanceof SqlBasicTypeNameSpec basic) {
      text = basic.getTypeName().getSimple();
      if (basic.getPrecision() >= 0) {
        text += "(" + basic.getPrecision() + (basic.getScale() >= 0 ? "," + basic.getScale() : "") + ")";
      }
    } else if (name instanceof SqlUserDefinedTypeNameSpec user) {
      text = user.getTypeName().getSimple();
    } else {
      throw SqlUnsupported.of("the type " + spec);
    }
    String ddl = text.toLowerCase(Locale.ROOT);
    if (ddl.startsWith("varchar") || ddl.startsWith("char")) {
      ddl = "string";
    }
    return DdlParser.parseType(ddl);
  }

  private LogicalExpr literal(SqlLiteral lit, boolean negate) {
    if (lit instanceof SqlNumericLiteral n) {
      LogicalExpr typed = typedLiterals.typed(n, negate);
      if (typed != null) {
        return typed;
      }
      BigDecimal v = n.getValueAs(BigDecimal.class);
      v = negate ? v.negate() : v;
      if (!n.isExact()) {
        return Literals.of(v.doubleValue());
      }
      if (v.scale() <= 0) {
        BigDecimal whole = v.setScale(0);
        if (whole.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
            && whole.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
          return Literals.of(whole.intValueExact());
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
            && whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
          return Literals.of(whole.longValueExact());
        }
        return Literals.of(whole);
      }
      return Literals.of(v);
    }
    if (lit instanceof SqlIntervalLiteral interval) {
      return IntervalLiterals.literal(interval);
    }
    if (lit instanceof SqlUnknownLiteral u) {
      return typed(u.tag, u.getValue());
    }
    if (lit instanceof SqlAbstractDateTimeLiteral dt) {
      return typed(dt.getTypeName().getName(), dt.toFormattedString());
    }
    SqlTypeName t = lit.getTypeName();
    return switch (t) {
      case NULL -> Literals.of(null);
      case BOOLEAN -> Literals.of(lit.booleanValue());
      case CHAR -> Literals.of(StringLiterals.unescape(((NlsString) lit.getValue()).getValue()));
      case BINARY -> Literals.of(((org.apache.calcite.util.BitString) lit.getValue()).getAsByteArray());
      default -> throw SqlUnsupported.of("the literal " + lit);
    };
  }

  /** {@code DATE 'yyyy-mm-dd'} or {@code TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.f]'} (read in the session time zone). */
  private LogicalExpr typed(String tag, String text) {
    String type = tag.toUpperCase(Locale.ROOT);
    String value = text.trim();
    try {
      if (type.equals("DATE")) {
        return Literals.of(LocalDate.parse(value));
      }
      if (type.equals("TIMESTAMP")) {
        LocalDateTime t = value.length() == 10 ? LocalDate.parse(value).atStartOfDay()
            : LocalDateTime.parse(value.replace(' ', 'T'));
        return Literals.of(t.atZone(timeZone).toInstant());
      }
    } catch (DateTimeParseException e) {
      throw new EmberIllegalArgumentException("INVALID_TYPED_LITERAL",
          "The value of the typed literal \"" + type + "\" is invalid: '" + text + "'.");
    }
    throw SqlUnsupported.of("the typed literal " + type + " '" + text + "'");
  }

}
