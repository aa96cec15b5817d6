package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.Suggestions;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.types.DataType;
import io.ember.operators.join.JoinType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a join: the condition over both sides' columns (a {@code df.col(..)} picks its side by plan
 * id), split into equi-key pairs ({@code l = r} with each side from one input) and the remaining conjuncts;
 * or the {@code using} columns, which appear once in the output (from the left, from the right for a right
 * outer join, coalesced for a full outer join), as in Spark.
 */
final class JoinResolver {
  private final Analyzer analyzer;

  JoinResolver(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  ResolvedPlan resolve(LogicalPlan.Join j, ResolvedPlan left, ResolvedPlan right) {
    JoinType type = JoinType.fromString(j.joinType());
    if (!j.usingColumns().isEmpty()) {
      return using(j, type, left, right);
    }
    return resolve(type, j.condition(), j.planId(), left, right);
  }

  /** A join of {@code type} of two resolved sides on {@code cond} (null: none) over both sides' columns. */
  ResolvedPlan resolve(JoinType type, LogicalExpr cond, long planId, ResolvedPlan left, ResolvedPlan right) {
    List<Expression> leftKeys = new ArrayList<>();
    List<Expression> rightKeys = new ArrayList<>();
    List<Expression> condition = new ArrayList<>();
    if (cond != null) {
      splitCondition(cond, left.output(), right.output(), leftKeys, rightKeys, condition);
    }
    if (type == JoinType.CROSS && (!leftKeys.isEmpty() || !condition.isEmpty())) {
      type = JoinType.INNER;
    }
    return new ResolvedPlan.Join(type, leftKeys, rightKeys, condition, output(type, left, right, planId),
        left, right);
  }

  private void splitCondition(LogicalExpr cond, List<Attr> left, List<Attr> right, List<Expression> leftKeys,
      List<Expression> rightKeys, List<Expression> rest) {
    List<Attr> both = new ArrayList<>(left);
    both.addAll(right);
    ExprResolver r = ExprResolver.plain(analyzer.scope(both), c -> new AnalysisException("INVALID_JOIN_CONDITION",
        "Aggregate functions are not allowed in a join condition, but found " + c.prettyName() + "."));
    int n = left.size();
    for (LogicalExpr c : Analyzer.conjuncts(cond)) {
      if (c instanceof LogicalExpr.Operator o && o.op() == Op.EQUAL) {
        Expression a = r.resolve(o.args().get(0));
        Expression b = r.resolve(o.args().get(1));
        int sa = side(Exprs.references(a), n);
        int sb = side(Exprs.references(b), n);
        if (sa == 0 && sb == 1 || sa == 1 && sb == 0) {
          Expression l = sa == 0 ? a : b;
          Expression rt = Exprs.shift(sa == 0 ? b : a, -n);
          DataType t = TypeWidening.wider(l.dataType(), rt.dataType());
          if (t != null) {
            leftKeys.add(castTo(l, t));
            rightKeys.add(castTo(rt, t));
            continue;
          }
        }
      }
      rest.add(Analyzer.requireBoolean(r.resolve(c), "Join condition"));
    }
  }

  /** 0 when {@code refs} are all left columns, 1 when all right, -1 when mixed or none. */
  private static int side(BitSet refs, int leftWidth) {
    if (refs.isEmpty()) {
      return -1;
    }
    if (refs.length() <= leftWidth) {
      return 0;
    }
    return refs.nextSetBit(0) >= leftWidth ? 1 : -1;
  }

  private static Expression castTo(Expression e, DataType t) {
    return e.dataType().equals(t) ? e : Expressions.cast(e, t);
  }

  private static List<Attr> output(JoinType type, ResolvedPlan left, ResolvedPlan right, long planId) {
    boolean leftNullable = type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER;
    boolean rightNullable = type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER;
    List<Attr> out = new ArrayList<>();
    for (Attr a : left.output()) {
      out.add((leftNullable ? a.withNullable(true) : a).through(planId));
    }
    if (!type.leftColumnsOnly()) {
      for (Attr a : right.output()) {
        out.add((rightNullable ? a.withNullable(true) : a).through(planId));
      }
    }
    return out;
  }

  private ResolvedPlan using(LogicalPlan.Join j, JoinType type, ResolvedPlan left, ResolvedPlan right) {
    if (type == JoinType.CROSS) {
      type = JoinType.INNER;
    }
    Scope ls = analyzer.scope(left.output());
    Scope rs = analyzer.scope(right.output());
    List<Integer> li = new ArrayList<>();
    List<Integer> ri = new ArrayList<>();
    List<Expression> leftKeys = new ArrayList<>();
    List<Expression> rightKeys = new ArrayList<>();
    for (String name : j.usingColumns()) {
      int l = usingIndex(ls, name, "left");
      int r = usingIndex(rs, name, "right");
      li.add(l);
      ri.add(r);
      Expression le = Exprs.ref(left.output(), l);
      Expression re = Exprs.ref(right.output(), r);
      DataType t = TypeWidening.wider(le.dataType(), re.dataType());
      if (t == null) {
        throw AnalysisException.typeMismatch("(" + name + " = " + name + ")", "Input to `=` should have been the"
            + " same type, but it's [\"" + le.dataType().simpleString().toUpperCase(Locale.ROOT) + "\", \""
            + re.dataType().simpleString().toUpperCase(Locale.ROOT) + "\"].");
      }
      leftKeys.add(castTo(le, t));
      rightKeys.add(castTo(re, t));
    }
    List<Attr> joined = output(type, left, right, j.planId());
    ResolvedPlan join = new ResolvedPlan.Join(type, leftKeys, rightKeys, List.of(), joined, left, right);
    return usingProjection(type, join, joined, li, ri, left.output().size(), j.planId());
  }

  private static int usingIndex(Scope scope, String name, String side) {
    try {
      return scope.indexOf(name, null);
    } catch (AnalysisException e) {
      if (!e.errorClass().startsWith("UNRESOLVED_COLUMN")) {
        throw e;
      }
      String closest = Suggestions.closest(name, scope.names());
      throw new AnalysisException("UNRESOLVED_USING_COLUMN_FOR_JOIN", "USING column `" + name + "` cannot be"
          + " resolved on the " + side + " side of the join. The " + side + "-side columns: "
          + Suggestions.quoted(scope.names()) + "." + (closest != null ? " Did you mean `" + closest + "`?" : ""));
    }
  }

  private static ResolvedPlan usingProjection(JoinType type, ResolvedPlan join, List<Attr> joined, List<Integer> li,
      List<Integer> ri, int leftWidth, long planId) {
    List<Expression> exprs = new ArrayList<>();
    List<Attr> out = new ArrayList<>();
    for (int k = 0; k < li.size(); k++) {
      int l = li.get(k);
      int r = leftWidth + ri.get(k);
      if (type == JoinType.FULL_OUTER) {
        Expression c = Expressions.coalesce(List.of(Exprs.ref(joined, l), Exprs.ref(joined, r)));
        exprs.add(c);
        Attr a = joined.get(l);
        out.add(new Attr(a.name(), c.dataType(), c.nullable(), null, a.planIds())); // a new column, as in Spark
      } else {
        int from = type == JoinType.RIGHT_OUTER ? r : l;
        exprs.add(Exprs.ref(joined, from));
        out.add(joined.get(from));
      }
    }
    for (int i = 0; i < leftWidth; i++) {
      if (!li.contains(i)) {
        exprs.add(Exprs.ref(joined, i));
        out.add(joined.get(i));
      }
    }
    if (!type.leftColumnsOnly()) {
      for (int i = leftWidth; i < joined.size(); i++) {
        if (!ri.contains(i - leftWidth)) {
          exprs.add(Exprs.ref(joined, i));
          out.add(joined.get(i));
        }
      }
    }
    List<Attr> tagged = new ArrayList<>();
    long mark = UsingJoinKeys.newMark(); // the hidden keys stay addressable by qualified names above
    for (Attr a : out) {
      tagged.add(a.through(planId).through(mark));
    }
    return new ResolvedPlan.Project(exprs, tagged, join);
  }
}
