package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a {@code select}: expands stars, names each column (its alias, or Spark's pretty name), turns a
 * select of aggregates into a global aggregation, and an {@code explode} item into a generate step below.
 */
final class ProjectResolver {
  private final Analyzer analyzer;

  ProjectResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.Project p, ResolvedPlan child) {
    Scope scope = analyzer.scope(child.output());
    List<Item> items = expandStars(p.projections(), scope);
    List<LogicalExpr> exprItems = asExprs(items, scope);
    if (exprItems.stream().anyMatch(WindowResolver::hasWindow)) {
      return new WindowResolver(analyzer).resolve(exprItems, child, p.planId());
    }
    if (exprItems.stream().anyMatch(ProjectResolver::hasAggregate)) {
      return new AggregateResolver(scope, child, p.planId(), true).resolve(List.of(), exprItems);
    }
    LogicalExpr.Call generator = null;
    for (LogicalExpr item : exprItems) {
      LogicalExpr.Call g = Generators.topLevel(item);
      if (g != null) {
        if (generator != null) {
          throw Generators.multiple();
        }
        generator = g;
      }
    }
    ResolvedPlan input = child;
    if (generator != null) {
      input = generate(generator, exprItems, scope, child, p.planId());
    }
    ExprResolver r = ExprResolver.plain(scope, c -> new AnalysisException("INTERNAL_ERROR", "Unexpected aggregate " + c.prettyName())).inSelect();
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (Item it : items) {
      if (it.expr() == null) {
        exprs.add(Exprs.ref(child.output(), it.star()));
        out.add(child.output().get(it.star()).through(p.planId()));
        continue;
      }
      LogicalExpr item = it.expr();
      if (generator != null && Generators.topLevel(item) != null) {
        int idx = input.output().size() - 1;
        exprs.add(Exprs.ref(input.output(), idx));
        out.add(input.output().get(idx));
        continue;
      }
      Expression e = r.resolve(item);
      exprs.add(e);
      out.add(outputAttr(item, e, child.output(), p.planId()));
    }
    return new ResolvedPlan.Project(exprs, out, input);
  }

  /** The output column of select item {@code item} bound to {@code e}; a column keeps the spelling used to select it. */
  static Attr outputAttr(LogicalExpr item, Expression e, List<Attr> input, long planId) {
    if (item instanceof LogicalExpr.UnresolvedColumn && e instanceof ColumnRef c) {
      return input.get(c.index()).through(planId).withName(spelledName((LogicalExpr.UnresolvedColumn) item,
          input.get(c.index())));
    }
    String name = item instanceof LogicalExpr.Alias a ? a.name() : item.prettyName();
    return Attr.of(name, e.dataType(), e.nullable(), planId);
  }

  /** The column's name as the user spelled it: the whole name when it names the column, else its last part. */
  static String spelledName(LogicalExpr.UnresolvedColumn c, Attr resolved) {
    String whole = String.join(".", Scope.nameParts(c.name()));
    return whole.equalsIgnoreCase(resolved.name()) ? whole : c.prettyName();
  }

  private ResolvedPlan generate(LogicalExpr.Call g, List<LogicalExpr> items, Scope scope, ResolvedPlan child,
      long planId) {
    if (g.args().size() != 1) {
      throw new AnalysisException("WRONG_NUM_ARGS", "The `" + g.name() + "` requires 1 parameters but the actual"
          + " number is " + g.args().size() + ".");
    }
    Expression array = ExprResolver.plain(scope, c -> Generators.nested(g)).inSelect().resolve(g.args().get(0));
    DataType t = array.dataType();
    if (!(t instanceof ArrayType)) {
      throw AnalysisException.typeMismatch(g.prettyName(), "Parameter 1 requires the \"ARRAY\" type, however \""
          + array.sql() + "\" has the type \"" + t.simpleString().toUpperCase(Locale.ROOT) + "\".");
    }
    String name = "col";
    for (LogicalExpr item : items) {
      if (item instanceof LogicalExpr.Alias a && Generators.topLevel(item) == g) {
        name = a.name();
      }
    }
    ArrayType at = (ArrayType) t;
    boolean outer = g.name().toLowerCase(Locale.ROOT).endsWith("_outer");
    boolean nullable = outer || at.containsNull();
    List<Attr> out = new ArrayList<>(child.output());
    out.add(Attr.of(name, at.elementType(), nullable, planId));
    return new ResolvedPlan.Generate(array, outer, out, child);
  }

  /** A select item: an expression, or (when {@code expr} is null) the input column {@code star} of a star. */
  private record Item(LogicalExpr expr, int star) {}

  private static List<Item> expandStars(List<LogicalExpr> items, Scope scope) {
    List<Item> out = new ArrayList<>();
    for (LogicalExpr item : items) {
      if (item instanceof LogicalExpr.Star s) {
        List<Integer> cols = scope.qualified(s.qualifier());
        if (cols.isEmpty() && s.qualifier() != null) {
          throw new AnalysisException("CANNOT_RESOLVE_STAR_EXPAND", "Cannot resolve `" + s.qualifier()
              + "`.* given input columns " + io.ember.core.errors.Suggestions.quoted(scope.names()) + ".");
        }
        for (int i : cols) {
          out.add(new Item(null, i));
        }
      } else {
        out.add(new Item(item, -1));
      }
    }
    return out;
  }

  /** The items as expressions; a star's column becomes its (quoted) name. */
  private static List<LogicalExpr> asExprs(List<Item> items, Scope scope) {
    List<LogicalExpr> out = new ArrayList<>();
    for (Item i : items) {
      out.add(i.expr() != null ? i.expr()
          : new LogicalExpr.UnresolvedColumn("`" + scope.attrs().get(i.star()).name().replace("`", "``") + "`", null));
    }
    return out;
  }

  /** Whether {@code e} calls an aggregate outside a window expression (an aggregate over a window is not one). */
  static boolean hasAggregate(LogicalExpr e) {
    if (e instanceof LogicalExpr.WindowExpression) {
      return false;
    }
    if (e instanceof LogicalExpr.Call c && io.ember.operators.aggregate.AggregateFunctions.isAggregate(c.name())) {
      return true;
    }
    for (LogicalExpr child : e.children()) {
      if (hasAggregate(child)) {
        return true;
      }
    }
    return false;
  }
}
