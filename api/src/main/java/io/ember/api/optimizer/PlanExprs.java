package io.ember.api.optimizer;

import io.ember.api.analysis.AggCall;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.analysis.SortKey;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rewrites the expressions a plan node holds (not its children's). */
final class PlanExprs {
  private PlanExprs() {}

  static ResolvedPlan map(ResolvedPlan p, UnaryOperator<Expression> f) {
    if (p instanceof ResolvedPlan.Project pr) {
      return new ResolvedPlan.Project(all(pr.exprs(), f), pr.output(), pr.child());
    } else if (p instanceof ResolvedPlan.Filter fl) {
      return new ResolvedPlan.Filter(all(fl.conjuncts(), f), fl.output(), fl.child());
    } else if (p instanceof ResolvedPlan.Aggregate a) {
      List<AggCall> aggs = new ArrayList<>();
      for (AggCall c : a.aggs()) {
        aggs.add(c.mapArgs(f));
      }
      return new ResolvedPlan.Aggregate(all(a.keys(), f), aggs, a.output(), a.child());
    } else if (p instanceof ResolvedPlan.Sort s) {
      List<SortKey> keys = new ArrayList<>();
      for (SortKey k : s.keys()) {
        keys.add(new SortKey(f.apply(k.expr()), k.ascending(), k.nullsFirst()));
      }
      return new ResolvedPlan.Sort(keys, s.output(), s.child());
    } else if (p instanceof ResolvedPlan.Join j) {
      return new ResolvedPlan.Join(j.type(), all(j.leftKeys(), f), all(j.rightKeys(), f), all(j.condition(), f),
          j.output(), j.left(), j.right());
    } else if (p instanceof ResolvedPlan.Generate g) {
      return new ResolvedPlan.Generate(f.apply(g.array()), g.outer(), g.output(), g.child());
    }
    return p;
  }

  static List<Expression> all(List<Expression> es, UnaryOperator<Expression> f) {
    List<Expression> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(f.apply(e));
    }
    return out;
  }
}
