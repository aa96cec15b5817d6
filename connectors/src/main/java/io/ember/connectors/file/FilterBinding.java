package io.ember.connectors.file;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Rewrites column references of pushed-down filters between a source's schemas. */
final class FilterBinding {
  private FilterBinding() {}

  /** {@code e} with each {@code ColumnRef(i)} replaced by {@code ColumnRef(mapping[i])}. */
  static Expression remap(Expression e, int[] mapping) {
    if (e instanceof ColumnRef c) {
      return new ColumnRef(mapping[c.index()], c.name(), c.dataType(), c.nullable());
    }
    List<Expression> children = e.children();
    if (children.isEmpty()) {
      return e;
    }
    List<Expression> out = new ArrayList<>(children.size());
    for (Expression c : children) {
      out.add(remap(c, mapping));
    }
    return e.withChildren(out);
  }

  /** The filters of {@code filters} that read only columns below {@code dataColumns} (no partition column). */
  static List<Expression> dataOnly(List<Expression> filters, int dataColumns) {
    List<Expression> out = new ArrayList<>();
    for (Expression f : filters) {
      BitSet used = new BitSet();
      references(f, used);
      if (used.nextSetBit(dataColumns) < 0) {
        out.add(f);
      }
    }
    return out;
  }

  /** Adds the column indices {@code e} references to {@code used}. */
  static void references(Expression e, BitSet used) {
    if (e instanceof ColumnRef c) {
      used.set(c.index());
    }
    for (Expression c : e.children()) {
      references(c, used);
    }
  }
}
