package io.ember.api.analysis;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.ColumnRefs;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/** Tree utilities over bound expressions, used by the analyzer, the optimizer and the planner. */
public final class Exprs {
  private Exprs() {}

  /** The input columns {@code e} reads ({@link ColumnRefs#references(Expression)}). */
  public static BitSet references(Expression e) {
    return ColumnRefs.references(e);
  }

  /** The input columns any of {@code exprs} reads ({@link ColumnRefs#references(List)}). */
  public static BitSet references(List<Expression> exprs) {
    return ColumnRefs.references(exprs);
  }

  /** {@code e} with every column reference replaced by {@code replace(ref)} ({@link ColumnRefs#substitute}). */
  public static Expression substitute(Expression e, Function<ColumnRef, Expression> replace) {
    return ColumnRefs.substitute(e, replace);
  }

  /** {@code e} reading column {@code mapping[i]} where it read column {@code i} ({@link ColumnRefs#remap}). */
  public static Expression remap(Expression e, int[] mapping) {
    return ColumnRefs.remap(e, mapping);
  }

  /** {@code e} reading column {@code i + delta} where it read column {@code i}. */
  public static Expression shift(Expression e, int delta) {
    if (delta == 0) {
      return e;
    }
    return substitute(e, c -> new ColumnRef(c.index() + delta, c.name(), c.dataType(), c.nullable()));
  }

  /** {@code e} with each column reference {@code i} replaced by {@code exprs[i]} (inlining a projection). */
  public static Expression inline(Expression e, List<Expression> exprs) {
    return substitute(e, c -> exprs.get(c.index()));
  }

  public static List<Expression> inlineAll(List<Expression> es, List<Expression> exprs) {
    List<Expression> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(inline(e, exprs));
    }
    return out;
  }

  /** True when every one of {@code exprs} is deterministic. */
  public static boolean deterministic(List<Expression> exprs) {
    for (Expression e : exprs) {
      if (!e.deterministic()) {
        return false;
      }
    }
    return true;
  }

  /** A reference to column {@code index} of {@code attrs}. */
  public static ColumnRef ref(List<Attr> attrs, int index) {
    Attr a = attrs.get(index);
    return new ColumnRef(index, a.name(), a.type(), a.nullable());
  }

  /** References to every column of {@code attrs}, in order. */
  public static List<Expression> refs(List<Attr> attrs) {
    List<Expression> out = new ArrayList<>(attrs.size());
    for (int i = 0; i < attrs.size(); i++) {
      out.add(ref(attrs, i));
    }
    return out;
  }
}
