package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.BooleanType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.NullType;
import io.ember.operators.analytic.WindowFrame;
import io.ember.operators.analytic.WindowFunction;
import io.ember.operators.analytic.WindowSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a select whose items use window expressions, as Spark's {@code ExtractWindowExpressions}: one
 * {@link ResolvedPlan.Window} per distinct window specification, stacked over the child in order of first
 * use (each appends its functions' columns), and a projection above computing the items with each window
 * expression read from its column. Checks Spark's rules: ranking and offset functions need an ordered window
 * and no other frame, no DISTINCT aggregate over a window, RANGE frames with offsets need one orderable key.
 */
final class WindowResolver {
  private static final List<String> RANKING = List.of("row_number", "rank", "dense_rank", "percent_rank",
      "cume_dist");

  private final Analyzer analyzer;

  WindowResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** Whether {@code e} contains a window expression. */
  static boolean hasWindow(LogicalExpr e) {
    if (e instanceof LogicalExpr.WindowExpression) {
      return true;
    }
    for (LogicalExpr c : e.children()) {
      if (hasWindow(c)) {
        return true;
      }
    }
    return false;
  }

  ResolvedPlan resolve(List<LogicalExpr> items, ResolvedPlan child, long planId) {
    Scope scope = analyzer.scope(child.output());
    for (LogicalExpr item : items) {
      if (ProjectResolver.hasAggregate(item)) {
        throw new AnalysisException("UNSUPPORTED_FEATURE.WINDOW_OVER_AGGREGATE", "A select mixing aggregates (\""
            + item.prettyName() + "\") with window functions is not supported; aggregate with groupBy().agg()"
            + " first and apply the window functions to its result.");
      }
    }
    Map<LogicalExpr.WindowDefinition, List<LogicalExpr.WindowExpression>> bySpec = new LinkedHashMap<>();
    for (LogicalExpr item : items) {
      collect(item, bySpec);
    }
    Map<LogicalExpr.WindowExpression, ColumnRef> columns = new LinkedHashMap<>();
    ResolvedPlan plan = child;
    for (Map.Entry<LogicalExpr.WindowDefinition, List<LogicalExpr.WindowExpression>> e : bySpec.entrySet()) {
      plan = window(e.getKey(), e.getValue(), scope, plan, planId, columns);
    }
    ExprResolver r = new ExprResolver(scope, x -> x instanceof LogicalExpr.WindowExpression w ? columns.get(w) : null,
        c -> {
          throw new AnalysisException("INTERNAL_ERROR", "Unexpected aggregate " + c.prettyName());
        }, true);
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (LogicalExpr item : items) {
      Expression x = r.resolve(item);
      exprs.add(x);
      out.add(ProjectResolver.outputAttr(item, x, child.output(), planId));
    }
    return new ResolvedPlan.Project(exprs, out, plan);
  }

  private static void collect(LogicalExpr e, Map<LogicalExpr.WindowDefinition, List<LogicalExpr.WindowExpression>> out) {
    if (e instanceof LogicalExpr.WindowExpression w) {
      List<LogicalExpr.WindowExpression> list = out.computeIfAbsent(w.window(), k -> new ArrayList<>());
      if (!list.contains(w)) {
        list.add(w);
      }
      return;
    }
    for (LogicalExpr c : e.children()) {
      collect(c, out);
    }
  }

  private ResolvedPlan window(LogicalExpr.WindowDefinition def, List<LogicalExpr.WindowExpression> exprs, Scope scope,
      ResolvedPlan input, long planId, Map<LogicalExpr.WindowExpression, ColumnRef> columns) {
    ExprResolver keys = ExprResolver.plain(scope, c -> new AnalysisException("UNSUPPORTED_EXPR_FOR_WINDOW",
        "Expression \"" + c.prettyName() + "\" not supported within a window specification."));
    List<Expression> partition = keys.resolveAll(def.partitionBy());
    List<SortKey> order = new ArrayList<>();
    for (LogicalExpr.SortOrder o : def.orderBy()) {
      order.add(new SortKey(keys.resolve(o.child()), o.ascending(), o.nullsFirst()));
    }
    List<WindowFunction> functions = new ArrayList<>();
    List<Attr> out = new ArrayList<>(input.output());
    for (LogicalExpr.WindowExpression w : exprs) {
      WindowFunction f = function(w, def, order, scope);
      functions.add(f);
      Attr a = Attr.of(w.prettyName(), f.resultType(), f.nullable(), planId);
      columns.put(w, new ColumnRef(out.size(), a.name(), f.resultType(), f.nullable()));
      out.add(a);
    }
    return new ResolvedPlan.Window(partition, order, functions, out, input);
  }

  private WindowFunction function(LogicalExpr.WindowExpression w, LogicalExpr.WindowDefinition def, List<SortKey> order,
      Scope scope) {
    if (!(w.function() instanceof LogicalExpr.Call call)) {
      throw notWindowFunction(w);
    }
    String name = call.name().toLowerCase(Locale.ROOT);
    List<LogicalExpr> args = call.args();
    ExprResolver argResolver = ExprResolver.plain(scope, c -> new AnalysisException("NESTED_AGGREGATE_FUNCTION",
        "It is not allowed to use an aggregate function in the argument of another aggregate function."));
    boolean ranking = RANKING.contains(name) || name.equals("ntile");
    boolean offset = name.equals("lag") || name.equals("lead");
    if (ranking || offset || name.equals("nth_value")) {
      if (def.orderBy().isEmpty()) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1037", "Window function " + call.prettyName() + " requires"
            + " window to be ordered, please add ORDER BY clause. For example SELECT " + call.prettyName()
            + "(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table");
      }
    }
    if (ranking) {
      if (def.frame() != null && !def.frame().equals(WindowFrame.ROWS_TO_CURRENT)) {
        throw frameMismatch(def.frame(), WindowFrame.ROWS_TO_CURRENT.sql());
      }
      if (name.equals("ntile")) {
        if (args.size() != 1) {
          throw FunctionRegistry.wrongNumArgs(name, "1", args.size());
        }
        int buckets = intLiteral(call, args.get(0), "buckets");
        if (buckets <= 0) {
          throw AnalysisException.typeMismatch(call.prettyName(), "Buckets expression must be positive, but got: "
              + buckets + ".");
        }
        return new WindowFunction.Ntile(buckets);
      }
      if (!args.isEmpty()) {
        throw FunctionRegistry.wrongNumArgs(name, "0", args.size());
      }
      return new WindowFunction.Ranking(WindowFunction.RankKind.valueOf(name.toUpperCase(Locale.ROOT)));
    }
    if (offset) {
      if (args.isEmpty() || args.size() > 4) {
        throw FunctionRegistry.wrongNumArgs(name, "[1, 2, 3]", args.size());
      }
      int n = args.size() > 1 ? intLiteral(call, args.get(1), "offset") : 1;
      if (def.frame() != null) {
        String b = n == 0 ? "CURRENT ROW" : Math.abs(n) + (name.equals("lag") == n > 0 ? " PRECEDING" : " FOLLOWING");
        throw frameMismatch(def.frame(), "ROWS BETWEEN " + b + " AND " + b);
      }
      Expression input = argResolver.resolve(args.get(0));
      Expression dflt = args.size() > 2 ? argResolver.resolve(args.get(2)) : new Literal(null, input.dataType());
      if (dflt.dataType() instanceof NullType) {
        dflt = new Literal(null, input.dataType());
      } else if (!dflt.dataType().equals(input.dataType())) {
        dflt = Expressions.cast(dflt, input.dataType());
      }
      boolean ignoreNulls = args.size() > 3 && boolLiteral(call, args.get(3));
      return new WindowFunction.Offset(input, name.equals("lag") ? -n : n, dflt, ignoreNulls);
    }
    WindowFrame frame = def.frame() != null ? def.frame() : def.defaultFrame(false);
    checkRange(frame, order, w);
    if (name.equals("nth_value")) {
      if (args.size() < 2 || args.size() > 3) {
        throw FunctionRegistry.wrongNumArgs(name, "[2, 3]", args.size());
      }
      int n = intLiteral(call, args.get(1), "offset");
      if (n <= 0) {
        throw AnalysisException.typeMismatch(call.prettyName(), "The 'offset' parameter must be greater than 0,"
            + " but got " + n + ".");
      }
      boolean ignoreNulls = args.size() > 2 && boolLiteral(call, args.get(2));
      return new WindowFunction.NthValue(argResolver.resolve(args.get(0)), n, ignoreNulls, frame);
    }
    if (!io.ember.operators.aggregate.AggregateFunctions.isAggregate(name)) {
      throw notWindowFunction(w);
    }
    if (call.distinct()) {
      throw new AnalysisException("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", "Distinct window functions are not"
          + " supported: " + w.prettyName() + ".");
    }
    List<Expression> bound = argResolver.inSelect().resolveArgs(call);
    return new WindowFunction.Aggregate(AggCall.of(name, bound, false, call.prettyName()).function(), frame);
  }

  /** Spark's checks of a RANGE frame with value offsets: one order key, of a type offsets can be added to. */
  private static void checkRange(WindowFrame frame, List<SortKey> order, LogicalExpr.WindowExpression w) {
    if (frame.rows() || !frame.hasOffsets()) {
      return;
    }
    if (order.isEmpty()) {
      throw AnalysisException.typeMismatch(w.prettyName(), "A range window frame cannot be used in an unordered"
          + " window specification.");
    }
    if (order.size() > 1) {
      throw new AnalysisException("DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", "Cannot resolve \"" + w.prettyName()
          + "\" due to data type mismatch: A range window frame with value boundaries cannot be used in a window"
          + " specification with multiple order by expressions: " + String.join(", ",
              order.stream().map(SortKey::sql).toList()) + ".");
    }
    io.ember.core.types.DataType t = order.get(0).expr().dataType();
    if (!WindowSpec.rangeOrderable(t)) {
      throw new AnalysisException("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", "Cannot resolve \"" + w.prettyName()
          + "\" due to data type mismatch: The data type \"" + t.simpleString().toUpperCase(Locale.ROOT)
          + "\" used in the order specification does not support the data type \"BIGINT\" which is used in the"
          + " range frame.");
    }
  }

  private static AnalysisException frameMismatch(WindowFrame given, String required) {
    return new AnalysisException("_LEGACY_ERROR_TEMP_1036", "Window Frame " + given.sql()
        + " must match the required frame " + required + ".");
  }

  private static AnalysisException notWindowFunction(LogicalExpr.WindowExpression w) {
    return new AnalysisException("UNSUPPORTED_EXPR_FOR_WINDOW", "Expression \"" + w.function().prettyName()
        + "\" not supported within a window function.");
  }

  private static int intLiteral(LogicalExpr.Call call, LogicalExpr arg, String what) {
    if (arg instanceof LogicalExpr.LiteralValue l && l.value() instanceof Number n && (l.type() instanceof IntegerType
        || l.type() instanceof io.ember.core.types.LongType) && n.longValue() == n.intValue()) {
      return n.intValue();
    }
    throw AnalysisException.typeMismatch(call.prettyName(), "The '" + what + "' parameter must be a constant"
        + " \"INT\", however it is " + arg.prettyName() + ".");
  }

  private static boolean boolLiteral(LogicalExpr.Call call, LogicalExpr arg) {
    if (arg instanceof LogicalExpr.LiteralValue l && l.type() instanceof BooleanType && l.value() != null) {
      return (Boolean) l.value();
    }
    throw AnalysisException.typeMismatch(call.prettyName(), "The 'ignoreNulls' parameter must be a constant"
        + " \"BOOLEAN\", however it is " + arg.prettyName() + ".");
  }
}
