package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Resolves {@code ROLLUP}, {@code CUBE} and {@code GROUPING SETS} ({@link LogicalPlan.GroupingSets}) as Spark's
 * {@code ResolveGroupingAnalytics} does: an {@link ResolvedPlan.Expand} projects each input row once per grouping
 * set (the input's columns, then each grouping column or a null of its type when the set leaves it out, then the
 * set's grouping id), and an {@link ResolvedPlan.Aggregate} groups by the grouping columns and the id. The id
 * keeps a null in the data apart from a column aggregated away; when a set is listed twice, a further key (the
 * set's position, Spark's {@code _gen_grouping_pos}) keeps both copies. Aggregate arguments read the input's own
 * columns, never the nulled ones.
 */
final class GroupingSetsResolver {
  /** Spark's name for the grouping id column. */
  static final String GROUPING_ID = "spark_grouping_id";
  /** Spark's name for the position of a repeated grouping set. */
  static final String GROUPING_POSITION = "_gen_grouping_pos";
  /** The most grouping columns one grouping id (a bigint) has bits for. */
  static final int MAX_GROUPING_COLUMNS = 64;

  private final Analyzer analyzer;

  GroupingSetsResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.GroupingSets gs, ResolvedPlan child) {
    int k = gs.grouping().size();
    if (k > MAX_GROUPING_COLUMNS) {
      throw new AnalysisException("GROUPING_SIZE_LIMIT_EXCEEDED", "Grouping sets size cannot be greater than "
          + MAX_GROUPING_COLUMNS + ".");
    }
    Scope scope = analyzer.scope(child.output());
    ExprResolver keyResolver = ExprResolver.plain(scope, c -> new AnalysisException("GROUP_BY_AGGREGATE",
        "Aggregate functions are not allowed in GROUP BY, but found " + c.prettyName() + "."));
    List<Expression> resolved = new ArrayList<>();
    List<Attr> keyOutput = new ArrayList<>();
    for (LogicalExpr g : gs.grouping()) {
      Expression e = keyResolver.resolve(g instanceof LogicalExpr.Alias a ? a.child() : g);
      resolved.add(e);
      keyOutput.add(ProjectResolver.outputAttr(g, e, child.output(), gs.planId()).withNullable(true));
    }
    boolean repeated = new HashSet<>(gs.sets()).size() < gs.sets().size();
    int width = child.output().size();
    List<Attr> expandOut = new ArrayList<>(child.output());
    List<Expression> expandKeys = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Attr a = keyOutput.get(i);
      expandOut.add(Attr.of(a.name(), a.type(), true, gs.planId()));
      expandKeys.add(new ColumnRef(width + i, a.name(), a.type(), true));
    }
    expandOut.add(Attr.of(GROUPING_ID, DataTypes.LONG, false, gs.planId()));
    expandKeys.add(new ColumnRef(width + k, GROUPING_ID, DataTypes.LONG, false));
    keyOutput.add(Attr.of(GROUPING_ID, DataTypes.LONG, false, gs.planId()));
    if (repeated) {
      expandOut.add(Attr.of(GROUPING_POSITION, DataTypes.INTEGER, false, gs.planId()));
      expandKeys.add(new ColumnRef(width + k + 1, GROUPING_POSITION, DataTypes.INTEGER, false));
      keyOutput.add(Attr.of(GROUPING_POSITION, DataTypes.INTEGER, false, gs.planId()));
    }
    List<List<Expression>> projections = new ArrayList<>();
    for (int s = 0; s < gs.sets().size(); s++) {
      List<Integer> set = gs.sets().get(s);
      List<Expression> p = new ArrayList<>(Exprs.refs(child.output()));
      long gid = 0;
      for (int i = 0; i < k; i++) {
        if (set.contains(i)) {
          p.add(resolved.get(i));
        } else {
          p.add(new Literal(null, resolved.get(i).dataType()));
          gid |= 1L << (k - 1 - i);
        }
      }
      p.add(new Literal(gid, DataTypes.LONG));
      if (repeated) {
        p.add(new Literal(s, DataTypes.INTEGER));
      }
      projections.add(p);
    }
    ResolvedPlan expand = new ResolvedPlan.Expand(projections, expandOut, child);
    return new AggregateResolver(scope, expand, gs.planId(), false)
        .resolveExpanded(gs.grouping(), resolved, expandKeys, keyOutput, gs.aggregates());
  }
}
