package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stars expanded as Spark expands them in a select list and in a function's arguments there: {@code *} to every
 * input column, {@code t.*} to the columns of the plan aliased {@code t}, and {@code s.*} (when no plan is aliased
 * {@code s}) to the fields of struct column {@code s}, each in order.
 */
final class StarArgs {
  private StarArgs() {}

  /** An expanded item: an expression, or (when {@code expr} is null) the input column at position {@code column}. */
  record Arg(LogicalExpr expr, int column) {}

  /**
   * {@code items} with each star replaced by what it stands for.
   *
   * @throws AnalysisException {@code CANNOT_RESOLVE_STAR_EXPAND} for {@code q.*} when {@code q} names neither a plan
   *     nor a struct column
   */
  static List<Arg> expand(List<LogicalExpr> items, Scope scope) {
    List<Arg> out = new ArrayList<>();
    for (LogicalExpr item : items) {
      if (item instanceof LogicalExpr.Star s) {
        List<Integer> cols = scope.qualified(s.qualifier());
        if (cols.isEmpty() && s.qualifier() != null && structStar(s.qualifier(), scope, out)) {
          continue;
        }
        if (cols.isEmpty() && s.qualifier() != null) {
          throw new AnalysisException("CANNOT_RESOLVE_STAR_EXPAND", "Cannot resolve `" + s.qualifier()
              + "`.* given input columns " + io.ember.core.errors.Suggestions.quoted(scope.names()) + ".");
        }
        for (int i : cols) {
          out.add(new Arg(null, i));
        }
      } else {
        out.add(new Arg(item, -1));
      }
    }
    return out;
  }

  /**
   * The arguments of {@code call} expanded as {@link #expand}, but for Spark's special cases of {@code count}:
   * {@code count(*)} counts rows and has no arguments, and {@code count(t.*)} of a plan {@code t} alone is refused
   * (it would count the rows where one of {@code t}'s columns is not null, unlike {@code count(*)}); with
   * {@code DISTINCT}, or next to other arguments, the star expands.
   *
   * @throws AnalysisException as {@link #expand}, and for {@code count(t.*)}
   */
  static List<Arg> expand(LogicalExpr.Call call, Scope scope) {
    if (call.name().equalsIgnoreCase("count") && call.args().size() == 1
        && call.args().get(0) instanceof LogicalExpr.Star s) {
      if (s.qualifier() == null && !call.distinct()) {
        return List.of();
      }
      if (s.qualifier() != null && !scope.qualified(s.qualifier()).isEmpty()) {
        throw new AnalysisException("_LEGACY_ERROR_TEMP_1021", "count(" + s.qualifier() + ".*) is not allowed."
            + " Please use count(*) or expand the columns manually, e.g. count(col1, col2)");
      }
    }
    return expand(call.args(), scope);
  }

  /** Adds one item per field of struct column {@code qualifier}, named as the field; false when it names none. */
  private static boolean structStar(String qualifier, Scope scope, List<Arg> out) {
    LogicalExpr.UnresolvedColumn column = new LogicalExpr.UnresolvedColumn(qualifier, null);
    io.ember.core.expr.Expression struct;
    try {
      struct = scope.resolveExpr(qualifier, null);
    } catch (AnalysisException e) {
      return false;
    }
    if (!(struct.dataType() instanceof io.ember.core.types.StructType st)) {
      return false;
    }
    for (String field : st.fieldNames()) {
      out.add(new Arg(new LogicalExpr.Alias(new LogicalExpr.Operator(io.ember.api.logical.Op.EXTRACT_VALUE,
          List.of(column, new LogicalExpr.LiteralValue(field, io.ember.core.types.DataTypes.STRING))), field), -1));
    }
    return true;
  }
}
