package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;

/** One rewrite of a resolved plan that keeps its result (rows and output columns) the same. */
public interface Rule {
  ResolvedPlan apply(ResolvedPlan plan);

  /** {@code fn} applied to every node, children first. */
  static ResolvedPlan transformUp(ResolvedPlan plan, java.util.function.UnaryOperator<ResolvedPlan> fn) {
    java.util.List<ResolvedPlan> children = plan.children();
    if (!children.isEmpty()) {
      java.util.List<ResolvedPlan> out = new java.util.ArrayList<>(children.size());
      boolean changed = false;
      for (ResolvedPlan c : children) {
        ResolvedPlan n = transformUp(c, fn);
        changed |= n != c;
        out.add(n);
      }
      if (changed) {
        plan = plan.withChildren(out);
      }
    }
    return fn.apply(plan);
  }

  /** {@code fn} applied to every node, parents first (a node's replacement's children are visited). */
  static ResolvedPlan transformDown(ResolvedPlan plan, java.util.function.UnaryOperator<ResolvedPlan> fn) {
    ResolvedPlan n = fn.apply(plan);
    java.util.List<ResolvedPlan> children = n.children();
    if (children.isEmpty()) {
      return n;
    }
    java.util.List<ResolvedPlan> out = new java.util.ArrayList<>(children.size());
    boolean changed = false;
    for (ResolvedPlan c : children) {
      ResolvedPlan t = transformDown(c, fn);
      changed |= t != c;
      out.add(t);
    }
    return changed ? n.withChildren(out) : n;
  }
}
