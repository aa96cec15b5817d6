package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@link LogicalPlan} into a {@link ResolvedPlan}: resolves names (case-insensitively unless
 * {@code spark.sql.caseSensitive}), expands stars, binds and type-checks expressions, and checks each
 * clause's rules (no aggregate in a filter, every selected column grouped or aggregated, unions of
 * equal width), throwing {@link AnalysisException} with Spark's error classes.
 */
public final class Analyzer {
  private final boolean caseSensitive;
  private final io.ember.api.logical.UserFunctions functions;

  public Analyzer(boolean caseSensitive) {
    this(caseSensitive, io.ember.api.logical.UserFunctions.NONE);
  }

  /** An analyzer whose calls by name resolve to {@code functions} (the session's registered ones) first. */
  public Analyzer(boolean caseSensitive, io.ember.api.logical.UserFunctions functions) {
    this.caseSensitive = caseSensitive;
    this.functions = functions;
  }

  /**
   * The resolved plan of {@code plan}.
   *
   * @throws AnalysisException for the first problem found
   */
  public ResolvedPlan analyze(LogicalPlan plan) {
    if (plan instanceof LogicalPlan.SourceScan s) {
      return new ResolvedPlan.Scan(s.source(), attrs(s.source().schema().fields(), s.planId()));
    } else if (plan instanceof LogicalPlan.LocalRelation l) {
      return new ResolvedPlan.LocalData(attrs(l.schema().fields(), l.planId()), l.batches());
    } else if (plan instanceof LogicalPlan.Range r) {
      if (r.step() == 0) {
        throw new AnalysisException("INVALID_PARAMETER_VALUE", "The value of parameter `step` in `range` is invalid: 0."
            + " Use a non-zero step.");
      }
      return new ResolvedPlan.RangeScan(r.start(), r.end(), r.step(), r.numPartitions(),
          List.of(Attr.of("id", DataTypes.LONG, false, r.planId())));
    } else if (plan instanceof LogicalPlan.Project p) {
      if (p.projections().stream().anyMatch(SubqueryRewriter::hasSubquery)) {
        return new SubqueryRewriter(this).project(p, analyze(p.child()));
      }
      return new TimeWindowing(this).project(p, analyze(p.child()));
    } else if (plan instanceof LogicalPlan.Filter f) {
      if (SubqueryRewriter.hasSubquery(f.condition())) {
        return new SubqueryRewriter(this).filter(f, analyze(f.child()));
      }
      return filter(f, analyze(f.child()));
    } else if (plan instanceof LogicalPlan.Aggregate a) {
      if (a.grouping().stream().anyMatch(SubqueryRewriter::hasSubquery)
          || a.aggregates().stream().anyMatch(SubqueryRewriter::hasSubquery)) {
        throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_SCALAR_SUBQUERY",
            "Unsupported subquery expression: subqueries are supported in the select list, WHERE and HAVING, not"
                + " inside GROUP BY or an aggregate function's arguments.");
      }
      return new TimeWindowing(this).aggregate(a, analyze(a.child()));
    } else if (plan instanceof LogicalPlan.GroupingSets g) {
      if (g.grouping().stream().anyMatch(SubqueryRewriter::hasSubquery)
          || g.aggregates().stream().anyMatch(SubqueryRewriter::hasSubquery)) {
        throw new AnalysisException("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_SCALAR_SUBQUERY",
            "Unsupported subquery expression: subqueries are supported in the select list, WHERE and HAVING, not"
                + " inside GROUP BY or an aggregate function's arguments.");
      }
      return new GroupingSetsResolver(this).resolve(g, analyze(g.child()));
    } else if (plan instanceof LogicalPlan.Sort s) {
      return new SortResolver(this).resolve(s, analyze(s.child()));
    } else if (plan instanceof LogicalPlan.Limit l) {
      ResolvedPlan child = analyze(l.child());
      return new ResolvedPlan.Limit(l.limit(), l.offset(), through(child.output(), l.planId()), child);
    } else if (plan instanceof LogicalPlan.Deduplicate d) {
      return deduplicate(d, analyze(d.child()));
    } else if (plan instanceof LogicalPlan.Join j) {
      return new JoinResolver(this).resolve(j, analyze(j.left()), analyze(j.right()));
    } else if (plan instanceof LogicalPlan.Union u) {
      List<ResolvedPlan> inputs = new ArrayList<>();
      for (LogicalPlan in : u.inputs()) {
        inputs.add(analyze(in));
      }
      return new UnionResolver(this).resolve(u, inputs);
    } else if (plan instanceof LogicalPlan.EventTimeWatermark w) {
      return new WatermarkResolver(this).watermark(w, analyze(w.child()));
    } else if (plan instanceof LogicalPlan.DeduplicateWithinWatermark d) {
      return new WatermarkResolver(this).deduplicateWithinWatermark(d, analyze(d.child()));
    } else if (plan instanceof LogicalPlan.Repartition r) {
      ResolvedPlan child = analyze(r.child());
      ExprResolver resolver = ExprResolver.plain(scope(child.output()), call -> new AnalysisException(
          "UNSUPPORTED_EXPR_FOR_PARTITION", "Partitioning by \"" + call.prettyName() + "\" is not supported:"
              + " partition by columns or expressions over them, not aggregate, window or generator functions."));
      List<Expression> keys = new ArrayList<>();
      for (LogicalExpr e : r.partitionExprs()) {
        keys.add(resolver.resolve(e));
      }
      return new ResolvedPlan.Repartition(r.numPartitions(), keys, r.shuffle(), through(child.output(), r.planId()),
          child);
    } else if (plan instanceof LogicalPlan.SubqueryAlias s) {
      ResolvedPlan child = analyze(s.child());
      List<Attr> out = new ArrayList<>();
      for (Attr a : child.output()) {
        out.add(a.withQualifier(s.alias()).through(s.planId()));
      }
      return new ResolvedPlan.Project(Exprs.refs(child.output()), out, child);
    }
    throw new IllegalStateException("Unknown plan " + plan.getClass().getSimpleName());
  }

  Scope scope(List<Attr> attrs) {
    return new Scope(attrs, caseSensitive, functions);
  }

  static List<Attr> attrs(List<StructField> fields, long planId) {
    List<Attr> out = new ArrayList<>(fields.size());
    for (StructField f : fields) {
      out.add(Attr.of(f.name(), f.dataType(), f.nullable(), planId));
    }
    return out;
  }

  static List<Attr> through(List<Attr> attrs, long planId) {
    List<Attr> out = new ArrayList<>(attrs.size());
    for (Attr a : attrs) {
      out.add(a.through(planId));
    }
    return out;
  }

  /** A filter; as in Spark, its condition may read a column the immediately preceding select dropped. */
  private ResolvedPlan filter(LogicalPlan.Filter f, ResolvedPlan child) {
    try {
      return filterOver(f, child);
    } catch (AnalysisException e) {
      ResolvedPlan.Project widened = child instanceof ResolvedPlan.Project p && MissingColumns.isUnresolved(e)
          ? MissingColumns.widen(p, List.of(f.condition()), this) : null;
      if (widened == null) {
        throw e;
      }
      return MissingColumns.dropAgain(filterOver(f, widened), child.output(), f.planId());
    }
  }

  ResolvedPlan filterOver(LogicalPlan.Filter f, ResolvedPlan child) {
    ExprResolver r = ExprResolver.plain(scope(child.output()), call -> new AnalysisException(
        "INVALID_WHERE_CONDITION", "The WHERE condition \"" + f.condition().prettyName()
            + "\" contains invalid expressions: \"" + call.prettyName() + "\". Rewrite the query to avoid window"
            + " functions, aggregate functions, and generator functions in the WHERE clause."));
    List<Expression> conjuncts = new ArrayList<>();
    for (LogicalExpr c : conjuncts(f.condition())) {
      conjuncts.add(requireBoolean(r.resolve(c), "Filter"));
    }
    return new ResolvedPlan.Filter(conjuncts, through(child.output(), f.planId()), child);
  }

  /** The operands of a chain of ANDs. */
  static List<LogicalExpr> conjuncts(LogicalExpr e) {
    List<LogicalExpr> out = new ArrayList<>();
    if (e instanceof LogicalExpr.Operator o && o.op() == Op.AND) {
      out.addAll(conjuncts(o.args().get(0)));
      out.addAll(conjuncts(o.args().get(1)));
    } else {
      out.add(e);
    }
    return out;
  }

  /** {@code e} when it is boolean; else Spark's {@code DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN}. */
  static Expression requireBoolean(Expression e, String clause) {
    if (e.dataType() instanceof BooleanType || e.dataType() instanceof NullType) {
      return e;
    }
    throw new AnalysisException("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "Cannot resolve \"" + e.sql()
        + "\" due to data type mismatch: " + clause + " expression \"" + e.sql() + "\" of type \""
        + e.dataType().simpleString().toUpperCase(Locale.ROOT) + "\" is not a boolean.");
  }

  private ResolvedPlan deduplicate(LogicalPlan.Deduplicate d, ResolvedPlan child) {
    Scope scope = scope(child.output());
    List<Integer> keys = new ArrayList<>();
    for (String k : d.keys()) {
      int i = scope.indexOf(k, null);
      if (!keys.contains(i)) {
        keys.add(i);
      }
    }
    if (keys.size() == child.output().size()) {
      keys = List.of();
    }
    return new ResolvedPlan.Distinct(keys, through(child.output(), d.planId()), child, d.distinct());
  }
}
