package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.StructType;
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
    List<StarArgs.Arg> items = StarArgs.expand(p.projections(), scope);
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
    for (StarArgs.Arg it : items) {
      if (it.expr() == null) {
        exprs.add(Exprs.ref(child.output(), it.column()));
        out.add(child.output().get(it.column()).through(p.planId()));
        continue;
      }
      LogicalExpr item = it.expr();
      if (generator != null && Generators.topLevel(item) != null) {
        for (int idx = child.output().size(); idx < input.output().size(); idx++) {
          exprs.add(Exprs.ref(input.output(), idx));
          out.add(input.output().get(idx));
        }
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
    if (item instanceof LogicalExpr.Operator o && o.op() == io.ember.api.logical.Op.EXTRACT_VALUE
        && e instanceof GetField g) {
      name = o.args().get(0).prettyName() + "." + g.name(); // Spark names a struct field s.f, an element a[0]
    } else if (item instanceof LogicalExpr.Operator o && o.op() == io.ember.api.logical.Op.EXTRACT_VALUE
        && e instanceof io.ember.core.expr.ArrayStructField f) {
      name = o.args().get(0).prettyName() + "." + f.name();
    }
    return Attr.of(name, e.dataType(), e.nullable(), planId);
  }

  /** The column's name as the user spelled it: the whole name when it names the column, else its last part. */
  static String spelledName(LogicalExpr.UnresolvedColumn c, Attr resolved) {
    String whole = String.join(".", Scope.nameParts(c.name()));
    return whole.equalsIgnoreCase(resolved.name()) ? whole : c.prettyName();
  }

  private ResolvedPlan generate(LogicalExpr.Call g, List<LogicalExpr> items, Scope scope, ResolvedPlan child,
      long planId) {
    String fn = g.name().toLowerCase(Locale.ROOT);
    boolean outer = fn.endsWith("_outer");
    String base = outer ? fn.substring(0, fn.length() - "_outer".length()) : fn;
    List<String> aliases = null;
    for (LogicalExpr item : items) {
      if (Generators.topLevel(item) == g) {
        aliases = item instanceof LogicalExpr.Alias a ? List.of(a.name())
            : item instanceof LogicalExpr.MultiAlias m ? m.names() : null;
      }
    }
    ExprResolver resolver = ExprResolver.plain(scope, c -> Generators.nested(g)).inSelect();
    if (base.equals("json_tuple")) {
      List<Expression> args = resolver.resolveAll(g.args());
      Expression tuple = io.ember.core.expr.FunctionRegistry.standard().build("json_tuple", args);
      Expression one = new io.ember.core.expr.CreateArray(List.of(tuple), new ArrayType(tuple.dataType(), false));
      return spread(one, false, aliases, child, planId);
    }
    if (g.args().size() != 1) {
      throw new AnalysisException("WRONG_NUM_ARGS", "The `" + g.name() + "` requires 1 parameters but the actual"
          + " number is " + g.args().size() + ".");
    }
    Expression array = resolver.resolve(g.args().get(0));
    DataType t = array.dataType();
    boolean isMap = t instanceof io.ember.core.types.MapType;
    if (base.equals("inline") ? !(t instanceof ArrayType at && at.elementType() instanceof StructType)
        : !(t instanceof ArrayType) && !isMap) {
      String required = base.equals("inline") ? "\"ARRAY<STRUCT>\"" : "(\"ARRAY\" or \"MAP\")";
      throw AnalysisException.typeMismatch(g.prettyName(), "Parameter 1 requires the " + required + " type,"
          + " however \"" + array.sql() + "\" has the type \"" + t.simpleString().toUpperCase(Locale.ROOT) + "\".");
    }
    if (base.equals("posexplode")) {
      return spread(new io.ember.core.expr.PositionedElements(array), outer, aliases, child, planId);
    }
    if (base.equals("inline")) {
      return spread(array, outer, aliases, child, planId);
    }
    if (isMap) {
      return spread(new io.ember.core.expr.MapParts(array, io.ember.core.expr.MapParts.Part.ENTRIES), outer, aliases,
          child, planId);
    }
    if (aliases != null && aliases.size() != 1) {
      throw Generators.aliasCount(1, aliases);
    }
    ArrayType at = (ArrayType) t;
    List<Attr> out = new ArrayList<>(child.output());
    out.add(Attr.of(aliases == null ? "col" : aliases.get(0), at.elementType(), outer || at.containsNull(), planId));
    return new ResolvedPlan.Generate(array, outer, out, child);
  }

  /**
   * A generator of several columns: the explode of {@code structs} (an array of structs), then each field of the
   * element as a column after the child's columns, named by {@code aliases} (when given) or as the field.
   */
  private static ResolvedPlan spread(Expression structs, boolean outer, List<String> aliases, ResolvedPlan child,
      long planId) {
    ArrayType at = (ArrayType) structs.dataType();
    StructType st = (StructType) at.elementType();
    if (aliases != null && aliases.size() != st.size()) {
      throw Generators.aliasCount(st.size(), aliases);
    }
    List<Attr> exploded = new ArrayList<>(child.output());
    exploded.add(Attr.of("entry", st, outer || at.containsNull(), planId));
    ResolvedPlan generate = new ResolvedPlan.Generate(structs, outer, exploded, child);
    List<Expression> exprs = new ArrayList<>(Exprs.refs(child.output()));
    List<Attr> out = new ArrayList<>(child.output());
    Expression entry = Exprs.ref(exploded, child.output().size());
    for (int i = 0; i < st.size(); i++) {
      String name = aliases == null ? st.field(i).name() : aliases.get(i);
      exprs.add(new GetField(entry, i, st.field(i).name()));
      out.add(Attr.of(name, st.field(i).dataType(), outer || at.containsNull() || st.field(i).nullable(), planId));
    }
    return new ResolvedPlan.Project(exprs, out, generate);
  }

  /** The items as expressions; a star's column becomes its (quoted) name. */
  private static List<LogicalExpr> asExprs(List<StarArgs.Arg> items, Scope scope) {
    List<LogicalExpr> out = new ArrayList<>();
    for (StarArgs.Arg i : items) {
      out.add(i.expr() != null ? i.expr()
          : new LogicalExpr.UnresolvedColumn("`" + scope.attrs().get(i.column()).name().replace("`", "``") + "`", null));
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
