package io.ember.api.optimizer;

import io.ember.api.analysis.Exprs;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.expr.Expression;
import io.ember.operators.join.JoinType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Predicate pushdown at joins, as Spark's rules: a filter above a join moves to a side whose rows the join
 * does not preserve with nulls (left conjuncts for inner, cross, left outer, semi and anti joins; right ones
 * for inner, cross and right outer joins); an inner join absorbs the filter's other conjuncts into its
 * condition; and a join condition's one-sided conjuncts move to the side that cannot lose rows by it.
 */
final class JoinPushdown {
  private JoinPushdown() {}

  static ResolvedPlan pushFilter(List<Expression> movable, List<Expression> fixed, ResolvedPlan.Filter f,
      ResolvedPlan.Join j) {
    JoinType t = j.type();
    int width = j.left().output().size();
    boolean leftOk = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.LEFT_OUTER || t.leftColumnsOnly();
    boolean rightOk = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.RIGHT_OUTER;
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> cond = new ArrayList<>(j.condition());
    List<Expression> stay = new ArrayList<>(fixed);
    for (Expression c : movable) {
      int side = side(Exprs.references(c), width);
      if (side == 0 && leftOk) {
        left.add(c);
      } else if (side == 1 && rightOk) {
        right.add(Exprs.shift(c, -width));
      } else if (side == 2 && (t == JoinType.INNER || t == JoinType.CROSS)) {
        cond.add(c);
      } else {
        stay.add(c);
      }
    }
    if (left.isEmpty() && right.isEmpty() && cond.size() == j.condition().size()) {
      return f;
    }
    JoinType type = t == JoinType.CROSS && cond.size() > 0 ? JoinType.INNER : t;
    ResolvedPlan join = new ResolvedPlan.Join(type, j.leftKeys(), j.rightKeys(), cond, j.output(),
        PushDownPredicates.filter(left, j.left()), PushDownPredicates.filter(right, j.right()));
    return PushDownPredicates.filter(stay, join);
  }

  static ResolvedPlan pushCondition(ResolvedPlan.Join j) {
    JoinType t = j.type();
    int width = j.left().output().size();
    boolean leftOk = t == JoinType.INNER || t == JoinType.RIGHT_OUTER || t == JoinType.LEFT_SEMI;
    boolean rightOk = t == JoinType.INNER || t == JoinType.LEFT_OUTER || t.leftColumnsOnly();
    List<Expression> left = new ArrayList<>();
    List<Expression> right = new ArrayList<>();
    List<Expression> cond = new ArrayList<>();
    for (Expression c : j.condition()) {
      int side = c.deterministic() ? side(Exprs.references(c), width) : -1;
      if (side == 0 && leftOk) {
        left.add(c);
      } else if (side == 1 && rightOk) {
        right.add(Exprs.shift(c, -width));
      } else {
        cond.add(c);
      }
    }
    if (left.isEmpty() && right.isEmpty()) {
      return j;
    }
    return new ResolvedPlan.Join(t, j.leftKeys(), j.rightKeys(), cond, j.output(),
        PushDownPredicates.filter(left, j.left()), PushDownPredicates.filter(right, j.right()));
  }

  /** 0: only left columns; 1: only right columns; 2: both; -1: none. */
  private static int side(BitSet refs, int width) {
    if (refs.isEmpty()) {
      return -1;
    }
    boolean l = refs.nextSetBit(0) < width;
    boolean r = refs.length() > width;
    return l && r ? 2 : l ? 0 : 1;
  }
}
