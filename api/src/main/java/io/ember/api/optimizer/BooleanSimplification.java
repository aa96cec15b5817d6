package io.ember.api.optimizer;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.And;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.expr.Not;
import io.ember.core.expr.Or;
import java.util.ArrayList;
import java.util.List;

/**
 * Simplifies boolean logic: {@code true AND x} is {@code x}, {@code false OR x} is {@code x},
 * {@code false AND x} is false, {@code true OR x} is true, {@code NOT NOT x} is {@code x}. Filters and join
 * conditions are split into conjuncts; a true conjunct is dropped, a filter without conjuncts is removed, and a
 * filter with a false or null conjunct becomes an empty relation.
 */
final class BooleanSimplification implements Rule {
  @Override
  public ResolvedPlan apply(ResolvedPlan plan) {
    return Rule.transformUp(plan, p -> simplifyNode(PlanExprs.map(p, BooleanSimplification::simplify)));
  }

  private static ResolvedPlan simplifyNode(ResolvedPlan p) {
    if (p instanceof ResolvedPlan.Filter f) {
      List<Expression> conjuncts = new ArrayList<>();
      for (Expression c : conjuncts(f.conjuncts())) {
        if (isFalseOrNull(c)) {
          return new ResolvedPlan.LocalData(f.output(), List.of());
        }
        if (!isTrue(c)) {
          conjuncts.add(c);
        }
      }
      if (conjuncts.isEmpty()) {
        return f.child();
      }
      return conjuncts.equals(f.conjuncts()) ? f : new ResolvedPlan.Filter(conjuncts, f.output(), f.child());
    } else if (p instanceof ResolvedPlan.Join j) {
      List<Expression> conjuncts = new ArrayList<>();
      for (Expression c : conjuncts(j.condition())) {
        if (!isTrue(c)) {
          conjuncts.add(c);
        }
      }
      return conjuncts.equals(j.condition()) ? j : new ResolvedPlan.Join(j.type(), j.leftKeys(), j.rightKeys(),
          conjuncts, j.output(), j.left(), j.right());
    }
    return p;
  }

  /** The conjuncts of {@code es}, with nested ANDs flattened. */
  static List<Expression> conjuncts(List<Expression> es) {
    List<Expression> out = new ArrayList<>();
    for (Expression e : es) {
      flatten(e, out);
    }
    return out;
  }

  private static void flatten(Expression e, List<Expression> out) {
    if (e instanceof And a) {
      flatten(a.left(), out);
      flatten(a.right(), out);
    } else {
      out.add(e);
    }
  }

  static Expression simplify(Expression e) {
    List<Expression> kids = e.children();
    if (!kids.isEmpty()) {
      List<Expression> s = new ArrayList<>(kids.size());
      for (Expression k : kids) {
        s.add(simplify(k));
      }
      if (!s.equals(kids)) {
        e = e.withChildren(s);
      }
    }
    if (e instanceof And a) {
      if (isTrue(a.left())) {
        return a.right();
      }
      if (isTrue(a.right())) {
        return a.left();
      }
      if (isFalse(a.left()) || isFalse(a.right())) {
        return new Literal(false, e.dataType());
      }
    } else if (e instanceof Or o) {
      if (isFalse(o.left())) {
        return o.right();
      }
      if (isFalse(o.right())) {
        return o.left();
      }
      if (isTrue(o.left()) || isTrue(o.right())) {
        return new Literal(true, e.dataType());
      }
    } else if (e instanceof Not n && n.child() instanceof Not inner) {
      return inner.child();
    }
    return e;
  }

  static boolean isTrue(Expression e) {
    return e instanceof Literal l && Boolean.TRUE.equals(l.value());
  }

  static boolean isFalse(Expression e) {
    return e instanceof Literal l && Boolean.FALSE.equals(l.value());
  }

  private static boolean isFalseOrNull(Expression e) {
    return e instanceof Literal l && !Boolean.TRUE.equals(l.value());
  }
}
