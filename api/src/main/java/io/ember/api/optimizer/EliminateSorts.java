package io.ember.api.optimizer;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.ResolvedPlan;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes a sort whose order nobody can observe: one below an aggregation (through filters and
 * projections) whose functions do not depend on input order, as Spark's {@code EliminateSorts}. A
 * {@code count()} of a sorted DataFrame then sorts nothing.
 */
final class EliminateSorts implements Rule {
  private static final Set<String> ORDER_DEPENDENT = Set.of("first", "first_value", "last", "last_value",
      "collect_list");

  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> {
      if (p instanceof ResolvedPlan.Aggregate a && orderIndependent(a.aggs())) {
        ResolvedPlan child = withoutSort(a.child());
        return child == a.child() ? a : a.withChildren(List.of(child));
      }
      return p;
    });
  }

  private static boolean orderIndependent(List<AggCall> aggs) {
    for (AggCall c : aggs) {
      if (ORDER_DEPENDENT.contains(c.functionName().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

  private static ResolvedPlan withoutSort(ResolvedPlan p) {
    if (p instanceof ResolvedPlan.Sort s) {
      return s.child();
    }
    if (p instanceof ResolvedPlan.Project || p instanceof ResolvedPlan.Filter) {
      ResolvedPlan child = p.children().get(0);
      ResolvedPlan n = withoutSort(child);
      return n == child ? p : p.withChildren(List.of(n));
    }
    return p;
  }
}
