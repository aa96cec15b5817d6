package io.ember.core.expr;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;

/**
 * The column references of bound expressions ({@link ColumnRef}s, by position): which input columns an expression
 * reads, and the expression rebound to other positions. The analyzer, the optimizer and the planner use these to move
 * expressions between plan nodes; sources taking pushed filters use them to rebind the filters to what they read.
 */
public final class ColumnRefs {
  private ColumnRefs() {}

  /** The input columns {@code e} reads. */
  public static BitSet references(Expression e) {
    BitSet refs = new BitSet();
    collect(e, refs);
    return refs;
  }

  /** The input columns any of {@code exprs} reads. */
  public static BitSet references(List<Expression> exprs) {
    BitSet refs = new BitSet();
    for (Expression e : exprs) {
      collect(e, refs);
    }
    return refs;
  }

  private static void collect(Expression e, BitSet refs) {
    if (e instanceof ColumnRef c) {
      refs.set(c.index());
      return;
    }
    for (Expression child : e.children()) {
      collect(child, refs);
    }
  }

  /** {@code e} with every column reference replaced by {@code replace(ref)}; {@code e} itself when none changed. */
  public static Expression substitute(Expression e, Function<ColumnRef, Expression> replace) {
    if (e instanceof ColumnRef c) {
      return replace.apply(c);
    }
    List<Expression> children = e.children();
    if (children.isEmpty()) {
      return e;
    }
    List<Expression> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression n = substitute(child, replace);
      changed |= n != child;
      out.add(n);
    }
    return changed ? e.withChildren(out) : e;
  }

  /** {@code e} reading column {@code mapping[i]} where it read column {@code i}. */
  public static Expression remap(Expression e, int[] mapping) {
    return substitute(e, c -> new ColumnRef(mapping[c.index()], c.name(), c.dataType(), c.nullable()));
  }
}
