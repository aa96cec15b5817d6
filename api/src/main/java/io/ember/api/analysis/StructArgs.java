package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's {@code struct(..)} as {@code named_struct(..)}: each field named as its argument's column ({@code s.f}
 * gives {@code f}) or alias, else {@code col1, col2, ...} by position; {@code *} stands for every input column.
 */
final class StructArgs {
  private StructArgs() {}

  /** The alternating names and values of {@code named_struct} for the arguments of {@code struct}. */
  static List<LogicalExpr> named(List<LogicalExpr> args, Scope scope) {
    List<LogicalExpr> values = new ArrayList<>();
    for (LogicalExpr a : args) {
      if (a instanceof LogicalExpr.Star s && s.qualifier() == null) {
        for (Attr attr : scope.attrs()) {
          values.add(new LogicalExpr.UnresolvedColumn("`" + attr.name().replace("`", "``") + "`", null));
        }
      } else {
        values.add(a);
      }
    }
    List<LogicalExpr> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      out.add(new LogicalExpr.LiteralValue(name(values.get(i), i), DataTypes.STRING));
      out.add(values.get(i));
    }
    return out;
  }

  private static String name(LogicalExpr e, int position) {
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
