package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import java.util.List;

/**
 * The field names of Spark's {@code struct(..)}: each field named as its argument's column ({@code s.f} gives
 * {@code f}) or alias, else {@code col1, col2, ...} by position (a star's columns keep their names).
 */
final class StructArgs {
  private StructArgs() {}

  /** The name of the field of argument {@code e} at (0-based) {@code position} of the expanded arguments. */
  static String name(LogicalExpr e, int position) {
    if (e instanceof LogicalExpr.Alias a) {
      return a.name();
    }
    if (e instanceof LogicalExpr.UnresolvedColumn c) {
      List<String> parts = Scope.nameParts(c.name());
      return parts.get(parts.size() - 1);
    }
    if (e instanceof LogicalExpr.Operator o && o.op() == io.ember.api.logical.Op.EXTRACT_VALUE
        && o.args().get(1) instanceof LogicalExpr.LiteralValue l && l.value() instanceof String field) {
      return field;
    }
    return "col" + (position + 1);
  }
}
