package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders plans as Spark's {@code explain(true)} draws trees: one node per line, children below with
 * {@code :- } (more siblings follow) and {@code +- } (last child).
 */
public final class PlanTrees {
  private PlanTrees() {}

  /** The tree of a plan as the DataFrame API built it. */
  public static String logical(LogicalPlan plan) {
    return tree(plan, PlanTrees::describe, LogicalPlan::children);
  }

  /** The tree of an analyzed or optimized plan. */
  public static String resolved(ResolvedPlan plan) {
    return tree(plan, ResolvedPlan::describe, ResolvedPlan::children);
  }

  /** {@code name: type} of each output column, as Spark prints above an analyzed plan. */
  public static String schemaLine(ResolvedPlan plan) {
    return plan.output().stream().map(a -> a.name() + ": " + a.type().simpleString())
        .collect(Collectors.joining(", "));
  }

  private static <T> String tree(T root, Function<T, String> describe, Function<T, List<? extends T>> children) {
    StringBuilder sb = new StringBuilder();
    append(root, "", "", describe, children, sb);
    return sb.toString();
  }

  private static <T> void append(T node, String firstPrefix, String restPrefix, Function<T, String> describe,
      Function<T, List<? extends T>> children, StringBuilder sb) {
    sb.append(firstPrefix).append(describe.apply(node)).append('\n');
    List<? extends T> kids = children.apply(node);
    for (int i = 0; i < kids.size(); i++) {
      boolean last = i == kids.size() - 1;
      append(kids.get(i), restPrefix + (last ? "+- " : ":- "), restPrefix + (last ? "   " : ":  "),
          describe, children, sb);
    }
  }

  /** An expression as written, aliases shown as {@code expr AS name}. */
  public static String render(LogicalExpr e) {
    if (e instanceof LogicalExpr.Alias a) {
      return render(a.child()) + " AS " + a.name();
    }
    return e.prettyName();
  }

  private static String renderAll(List<? extends LogicalExpr> es) {
    return es.stream().map(PlanTrees::render).collect(Collectors.joining(", ", "[", "]"));
  }

  static String describe(LogicalPlan p) {
    if (p instanceof LogicalPlan.SourceScan s) {
      return "Relation " + s.source().explain();
    } else if (p instanceof LogicalPlan.LocalRelation l) {
      return "LocalRelation " + l.schema().fieldNames().stream().collect(Collectors.joining(", ", "[", "]"));
    } else if (p instanceof LogicalPlan.Range r) {
      return "Range (" + r.start() + ", " + r.end() + ", step=" + r.step()
          + (r.numPartitions() > 0 ? ", splits=" + r.numPartitions() : "") + ")";
    } else if (p instanceof LogicalPlan.Project pr) {
      return "Project " + renderAll(pr.projections());
    } else if (p instanceof LogicalPlan.Filter f) {
      return "Filter " + render(f.condition());
    } else if (p instanceof LogicalPlan.Aggregate a) {
      return "Aggregate " + renderAll(a.grouping()) + ", " + renderAll(a.aggregates());
    } else if (p instanceof LogicalPlan.GroupingSets g) {
      return "Aggregate GroupingSets " + g.sets() + " of " + renderAll(g.grouping()) + ", " + renderAll(g.aggregates());
    } else if (p instanceof LogicalPlan.Sort s) {
      return "Sort " + renderAll(s.order());
    } else if (p instanceof LogicalPlan.Limit l) {
      return "Limit " + l.limit() + (l.offset() > 0 ? " Offset " + l.offset() : "");
    } else if (p instanceof LogicalPlan.Deduplicate d) {
      return d.keys().isEmpty() ? "Distinct" : "Deduplicate " + d.keys();
    } else if (p instanceof LogicalPlan.Join j) {
      String on = !j.usingColumns().isEmpty() ? ", using " + j.usingColumns()
          : j.condition() != null ? ", " + render(j.condition()) : "";
      return "Join " + j.joinType() + on;
    } else if (p instanceof LogicalPlan.Union u) {
      return u.byName() ? "Union byName" + (u.allowMissingColumns() ? " allowMissingColumns" : "") : "Union";
    } else if (p instanceof LogicalPlan.EventTimeWatermark w) {
      return "EventTimeWatermark " + w.eventTime() + ", " + w.delayThreshold();
    } else if (p instanceof LogicalPlan.DeduplicateWithinWatermark d) {
      return "DeduplicateWithinWatermark " + d.keys();
    } else if (p instanceof LogicalPlan.Repartition r) {
      return (r.shuffle() ? "Repartition " : "Coalesce ") + (r.numPartitions() > 0 ? r.numPartitions() : "")
          + (r.partitionExprs().isEmpty() ? "" : " " + renderAll(r.partitionExprs()));
    } else if (p instanceof LogicalPlan.SubqueryAlias s) {
      return "SubqueryAlias " + s.alias();
    }
    return p.getClass().getSimpleName();
  }
}
