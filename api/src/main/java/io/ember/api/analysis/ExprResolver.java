package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Binds a {@link LogicalExpr} to a {@link Scope}: columns become references by position, literals
 * {@link Literal}s, operators and scalar functions core's expressions (whose factories check and coerce
 * types). Aggregate calls go to {@code aggregates}, which either binds them (in an aggregation) or throws
 * the error of the clause being resolved. {@code intercept} sees every sub-expression first and may bind it
 * itself (returning non-null): the aggregate resolver uses it to map grouping expressions to key columns.
 */
final class ExprResolver {
  private final Scope scope;
  private final Function<LogicalExpr, Expression> intercept;
  private final Function<LogicalExpr.Call, Expression> aggregates;
  private final boolean selectClause;

  ExprResolver(Scope scope, Function<LogicalExpr, Expression> intercept,
      Function<LogicalExpr.Call, Expression> aggregates, boolean selectClause) {
    this.scope = scope;
    this.intercept = intercept;
    this.aggregates = aggregates;
    this.selectClause = selectClause;
  }

  /** This resolver for a select list, where a generator is misplaced only when nested in an expression. */
  ExprResolver inSelect() {
    return new ExprResolver(scope, intercept, aggregates, true);
  }

  /** A resolver where aggregate calls fail with {@code error}. */
  static ExprResolver plain(Scope scope, Function<LogicalExpr.Call, AnalysisException> error) {
    return new ExprResolver(scope, e -> null, c -> {
      throw error.apply(c);
    }, false);
  }

  Expression resolve(LogicalExpr e) {
    Expression hooked = intercept.apply(e);
    if (hooked != null) {
      return hooked;
    }
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      return scope.resolveExpr(c.name(), c.planId());
    } else if (e instanceof LogicalExpr.LiteralValue l) {
      return new Literal(l.value(), l.type());
    } else if (e instanceof LogicalExpr.Alias a) {
      return resolve(a.child());
    } else if (e instanceof LogicalExpr.MultiAlias m) {
      throw new AnalysisException("MULTI_ALIAS_WITHOUT_GENERATOR", "Multi part aliasing (" + m.prettyName()
          + ") is not supported with " + m.child().prettyName() + " as it is not a generator function.");
    } else if (e instanceof LogicalExpr.Cast c) {
      return Expressions.cast(resolve(c.child()), c.to());
    } else if (e instanceof LogicalExpr.Operator o && o.op() == io.ember.api.logical.Op.EXTRACT_VALUE) {
      return ExtractValues.extract(resolve(o.args().get(0)), resolve(o.args().get(1)), scope.caseSensitive());
    } else if (e instanceof LogicalExpr.Operator o) {
      return Bind.operator(o.op(), resolveAll(o.args()));
    } else if (e instanceof LogicalExpr.CaseWhen cw) {
      return Expressions.caseWhen(resolveAll(cw.conditions()), resolveAll(cw.values()),
          cw.otherwise() == null ? null : resolve(cw.otherwise()));
    } else if (e instanceof LogicalExpr.Call call) {
      return resolveCall(call);
    } else if (e instanceof LogicalExpr.UserFunction u) {
      return resolveUserFunction(u);
    } else if (e instanceof LogicalExpr.Star s) {
      throw new AnalysisException("INVALID_USAGE_OF_STAR_OR_REGEX",
          "Invalid usage of '" + s.prettyName() + "' in expression.");
    } else if (e instanceof LogicalExpr.WindowExpression w) {
      throw new AnalysisException("UNSUPPORTED_EXPR_FOR_OPERATOR", "A query operator contains one or more unsupported"
          + " expressions. Consider to rewrite it to avoid window functions, aggregate functions, and generator"
          + " functions in the WHERE clause. Invalid expressions: [" + w.prettyName() + "]. Window functions are"
          + " allowed only in select and withColumn.");
    } else if (e instanceof LogicalExpr.SubqueryExpression s) {
      throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY",
          "Unsupported subquery expression: " + s.prettyName() + " is used where subqueries are not supported"
              + " (they are supported in the select list, WHERE and HAVING).");
    } else if (e instanceof LogicalExpr.SortOrder so) {
      throw new AnalysisException("INVALID_SORT_ORDER",
          "A sort order (" + so.prettyName() + ") can only be used in orderBy/sort.");
    }
    throw new IllegalStateException("Unknown expression " + e);
  }

  List<Expression> resolveAll(List<LogicalExpr> exprs) {
    List<Expression> out = new ArrayList<>(exprs.size());
    for (LogicalExpr e : exprs) {
      out.add(resolve(e));
    }
    return out;
  }

  private Expression resolveUserFunction(LogicalExpr.UserFunction u) {
    if (u.args().stream().anyMatch(a -> a instanceof LogicalExpr.Star)) {
      throw new AnalysisException("INVALID_USAGE_OF_STAR_OR_REGEX",
          "Invalid usage of '*' in expression `" + u.name() + "`.");
    }
    return u.binder().bind(resolveAll(u.args()));
  }

  private Expression resolveCall(LogicalExpr.Call call) {
    io.ember.api.logical.UserFunctionBinder registered = scope.functions().lookup(call.name());
    if (registered != null) {
      if (call.distinct()) {
        throw new AnalysisException("DISTINCT_NOT_SUPPORTED", "Function `" + call.name() + "` does not support"
            + " DISTINCT: it is a user-defined function, not an aggregate function.");
      }
      if (selectClause) {
        return registered.bind(resolveArgs(call));
      }
      return resolveUserFunction(new LogicalExpr.UserFunction(call.name(), call.args(), registered));
    }
    if (io.ember.operators.aggregate.AggregateFunctions.isAggregate(call.name())) {
      return aggregates.apply(call);
    }
    if (LogicalExpr.WINDOW_ONLY.contains(call.name().toLowerCase(java.util.Locale.ROOT))) {
      throw new AnalysisException("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", "Window function \"" + call.prettyName()
          + "\" requires an OVER clause.");
    }
    if (Generators.isGenerator(call.name())) {
      throw selectClause ? Generators.nested(call) : Generators.outsideSelect(call);
    }
    if (call.name().equals(StructUpdates.WITH_FIELD) || call.name().equals(StructUpdates.DROP_FIELDS)) {
      return updateFields(call);
    }
    if (call.name().equalsIgnoreCase("struct")) {
      return struct(call);
    }
    if (!FunctionRegistry.standard().contains(call.name())) {
      throw unresolvedRoutine(call.name(), scope);
    }
    return FunctionRegistry.standard().build(call.name(), resolveArgs(call));
  }

  /**
   * The arguments of function call {@code call}, bound, with each star ({@code *}, {@code t.*} or {@code s.*} of a
   * struct column {@code s}) expanded in place to the columns (or fields) it stands for, in order, as Spark expands
   * a star in a function's arguments in a select list (of a projection or an aggregation). Elsewhere (a filter, a
   * join condition, grouping or sort keys) a star fails as Spark's {@code INVALID_USAGE_OF_STAR_OR_REGEX}.
   */
  List<Expression> resolveArgs(LogicalExpr.Call call) {
    List<Expression> out = new ArrayList<>();
    for (StarArgs.Arg a : expand(call)) {
      out.add(a.expr() != null ? resolve(a.expr()) : column(a.column()));
    }
    return out;
  }

  /** Spark's {@code struct(..)} as {@code named_struct(..)}, its stars expanded as {@link #resolveArgs}'s. */
  private Expression struct(LogicalExpr.Call call) {
    List<StarArgs.Arg> args = expand(call);
    List<Expression> named = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      StarArgs.Arg a = args.get(i);
      String name = a.expr() != null ? StructArgs.name(a.expr(), i) : scope.attrs().get(a.column()).name();
      named.add(new Literal(name, io.ember.core.types.DataTypes.STRING));
      named.add(a.expr() != null ? resolve(a.expr()) : column(a.column()));
    }
    return FunctionRegistry.standard().build("named_struct", named);
  }

  private List<StarArgs.Arg> expand(LogicalExpr.Call call) {
    if (!selectClause && call.args().stream().anyMatch(a -> a instanceof LogicalExpr.Star)) {
      throw new AnalysisException("INVALID_USAGE_OF_STAR_OR_REGEX",
          "Invalid usage of '*' in expression `" + call.name() + "`.");
    }
    return StarArgs.expand(call, scope);
  }

  /**
   * Input column {@code index} of a star, bound by its name when that name picks it (so that an aggregation sees a
   * grouped column as its key), else by position (two columns of one name, as both sides of a join may have).
   */
  private Expression column(int index) {
    Attr a = scope.attrs().get(index);
    LogicalExpr.UnresolvedColumn named = new LogicalExpr.UnresolvedColumn(
        (a.qualifier() == null ? "" : Scope.quote(a.qualifier()) + ".") + Scope.quote(a.name()), null);
    if (scope.picks(named.name(), index)) {
      return resolve(named);
    }
    Expression hooked = intercept.apply(named);
    return hooked != null ? hooked : Exprs.ref(scope.attrs(), index);
  }

  private Expression updateFields(LogicalExpr.Call call) {
    Expression result = resolve(call.args().get(0));
    if (call.name().equals(StructUpdates.WITH_FIELD)) {
      List<String> path = Scope.nameParts((String) ((LogicalExpr.LiteralValue) call.args().get(1)).value());
      return StructUpdates.withField(result, path, resolve(call.args().get(2)), scope.caseSensitive());
    }
    for (LogicalExpr name : call.args().subList(1, call.args().size())) {
      List<String> path = Scope.nameParts((String) ((LogicalExpr.LiteralValue) name).value());
      result = StructUpdates.dropField(result, path, scope.caseSensitive());
    }
    return result;
  }

  /**
   * Spark's {@code UNRESOLVED_ROUTINE} for a call of {@code name}, suggesting the closest built-in scalar function
   * or function registered in {@code scope}'s session.
   */
  static AnalysisException unresolvedRoutine(String name, Scope scope) {
    List<String> candidates = new ArrayList<>(FunctionRegistry.standard().names());
    candidates.addAll(scope.functions().names());
    String closest = io.ember.core.errors.Suggestions.closest(name, candidates);
    return new AnalysisException("UNRESOLVED_ROUTINE", "Cannot resolve function `" + name + "`."
        + (closest != null ? " Did you mean `" + closest + "`?" : ""));
  }
}
