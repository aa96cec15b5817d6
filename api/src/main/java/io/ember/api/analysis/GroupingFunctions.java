package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.IntegralDivide;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Spark's {@code grouping(col)} and {@code grouping_id(cols...)} under {@code ROLLUP}/{@code CUBE}/{@code GROUPING
 * SETS}, both read from the grouping id the Expand adds to every row: bit {@code k - 1 - i} of the id (for
 * {@code k} grouping columns) is 1 when grouping column {@code i} is aggregated away in the row's set, so the
 * first column is the most significant bit. {@code grouping(c)} is that bit (an int: Spark's is a tinyint, a
 * type Ember does not have); {@code grouping_id()} the whole id, a bigint.
 */
final class GroupingFunctions {
  private GroupingFunctions() {}

  static boolean isGroupingFunction(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("grouping") || n.equals("grouping_id");
  }

  /**
   * The value of {@code call} given the index of each argument among {@code grouping} (-1 when it is not a
   * grouping expression) and {@code gid}, the grouping id column.
   *
   * @throws AnalysisException {@code GROUPING_COLUMN_MISMATCH} or {@code GROUPING_ID_COLUMN_MISMATCH} as Spark
   *     when an argument is not a grouping column (grouping_id must name all of them, in order, or none)
   */
  static Expression resolve(LogicalExpr.Call call, List<Integer> columns, List<LogicalExpr> grouping,
      Expression gid) {
    int k = grouping.size();
    String groupingColumns = grouping.stream().map(LogicalExpr::prettyName).collect(Collectors.joining(","));
    if (call.name().equalsIgnoreCase("grouping_id")) {
      boolean all = columns.size() == k;
      for (int i = 0; i < columns.size() && all; i++) {
        all = columns.get(i) == i;
      }
      if (!columns.isEmpty() && !all) {
        throw new AnalysisException("GROUPING_ID_COLUMN_MISMATCH", "Columns of grouping_id ("
            + call.args().stream().map(LogicalExpr::prettyName).collect(Collectors.joining(","))
            + ") does not match grouping columns (" + groupingColumns + ").");
      }
      return gid;
    }
    if (call.args().size() != 1) {
      throw new AnalysisException("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "The `grouping` requires 1 parameters but the"
          + " actual number is " + call.args().size() + ".");
    }
    int i = columns.get(0);
    if (i < 0) {
      throw new AnalysisException("GROUPING_COLUMN_MISMATCH", "Column of grouping (" + call.args().get(0).prettyName()
          + ") can't be found in grouping columns " + groupingColumns + ".");
    }
    Expression shifted = IntegralDivide.of(gid, new Literal(1L << (k - 1 - i), DataTypes.LONG));
    return Expressions.cast(Expressions.remainder(shifted, new Literal(2L, DataTypes.LONG)), DataTypes.INTEGER);
  }
}
