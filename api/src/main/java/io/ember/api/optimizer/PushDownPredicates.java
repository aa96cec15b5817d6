package io.ember.api.optimizer;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Moves filter conjuncts closer to the data: through projections (inlining the projected expressions, unless
 * that would evaluate a computed one twice), sorts,
 * unions (into every input), explodes (conjuncts not reading the element), deduplications and aggregations
 * (conjuncts reading only their keys), watermarks (conjuncts not reading the event time), and below joins to
 * the side whose columns they read where the join type keeps that safe ({@link JoinPushdown}). Only
 * deterministic conjuncts move.
 */
final class PushDownPredicates implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformDown(plan, p -> {
      ResolvedPlan r = p instanceof ResolvedPlan.Filter f ? push(f) : p;
      return r instanceof ResolvedPlan.Join j ? JoinPushdown.pushCondition(j) : r;
    });
  }

  private static ResolvedPlan push(ResolvedPlan.Filter f) {
    List<Expression> movable = new ArrayList<>();
    List<Expression> fixed = new ArrayList<>();
    for (Expression c : f.conjuncts()) {
      (c.deterministic() ? movable : fixed).add(c);
    }
    if (movable.isEmpty()) {
      return f;
    }
    ResolvedPlan child = f.child();
    if (child instanceof ResolvedPlan.Project pr && Exprs.deterministic(pr.exprs())) {
      List<Expression> down = new ArrayList<>();
      List<Expression> stay = new ArrayList<>(fixed);
      for (Expression c : movable) {
        (CombineProjects.inlinesOnce(List.of(c), pr.exprs()) ? down : stay).add(c);
      }
      if (down.isEmpty()) {
        return f;
      }
      ResolvedPlan below = filter(Exprs.inlineAll(down, pr.exprs()), pr.child());
      return filter(stay, new ResolvedPlan.Project(pr.exprs(), pr.output(), below));
    } else if (child instanceof ResolvedPlan.Sort s) {
      return filter(fixed, new ResolvedPlan.Sort(s.keys(), s.output(), filter(movable, s.child())));
    } else if (child instanceof ResolvedPlan.Union u) {
      List<ResolvedPlan> inputs = new ArrayList<>();
      for (ResolvedPlan in : u.inputs()) {
        inputs.add(filter(movable, in));
      }
      return filter(fixed, new ResolvedPlan.Union(u.output(), inputs));
    } else if (child instanceof ResolvedPlan.Join j) {
      return JoinPushdown.pushFilter(movable, fixed, f, j);
    } else if (child instanceof ResolvedPlan.EventTimeWatermark w) {
      return throughWatermark(w, movable, fixed);
    }
    return pushIntoUnary(f, movable, fixed);
  }

  /**
   * Below a watermark, as Spark: conjuncts that do not read the event-time column (the rows they drop then do
   * not advance the watermark); those reading it stay above.
   */
  private static ResolvedPlan throughWatermark(ResolvedPlan.EventTimeWatermark w, List<Expression> movable,
      List<Expression> fixed) {
    List<Expression> down = new ArrayList<>();
    List<Expression> stay = new ArrayList<>(fixed);
    for (Expression c : movable) {
      (Exprs.references(c).get(w.eventTime()) ? stay : down).add(c);
    }
    if (down.isEmpty()) {
      return filter(stay, w);
    }
    return filter(stay, w.withChildren(List.of(filter(down, w.child()))));
  }

  /** Through nodes where only conjuncts reading some columns may move: explode, distinct, aggregate. */
  private static ResolvedPlan pushIntoUnary(ResolvedPlan.Filter f, List<Expression> movable, List<Expression> fixed) {
    ResolvedPlan child = f.child();
    BitSet allowed = new BitSet();
    if (child instanceof ResolvedPlan.Generate g) {
      allowed.set(0, g.child().output().size());
    } else if (child instanceof ResolvedPlan.Distinct d) {
      if (d.keys().isEmpty()) {
        allowed.set(0, d.output().size());
      } else {
        d.keys().forEach(allowed::set);
      }
    } else if (child instanceof ResolvedPlan.Aggregate a && Exprs.deterministic(a.keys())) {
      allowed.set(0, a.keys().size());
      int session = io.ember.core.expr.datetime.SessionWindowKey.indexIn(a.keys());
      if (session >= 0) {
        allowed.clear(session); // a session's bounds are known only after merging
      }
    } else {
      return f;
    }
    List<Expression> down = new ArrayList<>();
    List<Expression> stay = new ArrayList<>(fixed);
    for (Expression c : movable) {
      BitSet refs = Exprs.references(c);
      BitSet outside = (BitSet) refs.clone();
      outside.andNot(allowed);
      (outside.isEmpty() && !refs.isEmpty() ? down : stay).add(c);
    }
    if (down.isEmpty()) {
      return f;
    }
    ResolvedPlan grand = child.children().get(0);
    if (child instanceof ResolvedPlan.Aggregate a) {
      down = Exprs.inlineAll(down, a.keys());
    }
    return filter(stay, child.withChildren(List.of(filter(down, grand))));
  }

  /** A filter of {@code conjuncts} over {@code child}, or {@code child} itself when there are none. */
  static ResolvedPlan filter(List<Expression> conjuncts, ResolvedPlan child) {
    if (conjuncts.isEmpty()) {
      return child;
    }
    if (child instanceof ResolvedPlan.Filter f) {
      List<Expression> all = new ArrayList<>(f.conjuncts());
      all.addAll(conjuncts);
      return new ResolvedPlan.Filter(all, f.output(), f.child());
    }
    return new ResolvedPlan.Filter(conjuncts, child.output(), child);
  }
}
