package io.ember.api;

import io.ember.api.logical.GroupingSetLists;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a DataFrame grouped by some expressions ({@link DataFrame#groupBy}), to be aggregated, as
 * Spark's {@code RelationalGroupedDataset}, also of a {@link DataFrame#rollup} or {@link DataFrame#cube}. Every
 * aggregation's output is the grouping columns followed by the aggregates.
 */
public final class GroupedData {
  private final DataFrame df;
  private final List<LogicalExpr> grouping;
  /** The grouping sets of a rollup or cube (indices into {@code grouping}); null for a plain groupBy. */
  private final List<List<Integer>> sets;

  GroupedData(DataFrame df, List<LogicalExpr> grouping) {
    this.df = df;
    this.grouping = List.copyOf(grouping);
    this.sets = null;
  }

  GroupedData(DataFrame df, GroupingSetLists groupingSets) {
    this.df = df;
    this.grouping = groupingSets.grouping();
    this.sets = groupingSets.sets();
  }

  /** One row per group: the grouping columns, then {@code expr} and {@code exprs}. */
  public DataFrame agg(Column expr, Column... exprs) {
    List<LogicalExpr> aggregates = new ArrayList<>();
    aggregates.add(expr.expr());
    for (Column c : exprs) {
      aggregates.add(c.expr());
    }
    return aggregate(aggregates);
  }

  /**
   * Spark's map form: {@code {"price": "avg", "*": "count"}} aggregates each column with the named function
   * ({@code avg}/{@code mean}/{@code average}, {@code sum}, {@code min}, {@code max}, {@code count}/{@code size},
   * {@code stddev}/{@code std}, or any aggregate's name).
   */
  public DataFrame agg(Map<String, String> exprs) {
    List<LogicalExpr> aggregates = new ArrayList<>();
    for (Map.Entry<String, String> e : exprs.entrySet()) {
      aggregates.add(byName(e.getKey(), e.getValue()).expr());
    }
    return aggregate(aggregates);
  }

  private static Column byName(String column, String function) {
    String fn = function.toLowerCase(Locale.ROOT);
    Column target = functions.col(column);
    switch (fn) {
      case "avg", "average", "mean":
        return functions.avg(target);
      case "stddev", "std":
        return functions.stddev(target);
      case "count", "size":
        return functions.count(target);
      default:
        return functions.fn(fn, target);
    }
  }

  /** The number of rows in each group, in a column named {@code count}. */
  public DataFrame count() {
    return aggregate(List.of(functions.count("*").alias("count").expr()));
  }

  /** The sum of each named numeric column (every numeric column when none is named). */
  public DataFrame sum(String... colNames) {
    return numeric("sum", colNames);
  }

  public DataFrame avg(String... colNames) {
    return numeric("avg", colNames);
  }

  /** The same as {@link #avg}. */
  public DataFrame mean(String... colNames) {
    return numeric("avg", colNames);
  }

  public DataFrame min(String... colNames) {
    return numeric("min", colNames);
  }

  public DataFrame max(String... colNames) {
    return numeric("max", colNames);
  }

  private DataFrame numeric(String function, String... colNames) {
    List<String> targets = new ArrayList<>();
    if (colNames.length == 0) {
      for (StructField f : df.schema().fields()) {
        if (f.dataType().isNumeric()) {
          targets.add(f.name());
        }
      }
    } else {
      for (String name : colNames) {
        int i = df.indexOf(name);
        if (i < 0) {
          throw AnalysisException.unresolvedColumn(name, df.schema().fieldNames());
        }
        StructField f = df.schema().field(i);
        if (!f.dataType().isNumeric()) {
          throw new AnalysisException(
              "NOT_NUMERIC_COLUMN", "\"" + f.name() + "\" is not a numeric column (it is "
                  + f.dataType().simpleString() + "). Aggregation function can only be applied on a numeric column.");
        }
        targets.add(f.name());
      }
    }
    List<LogicalExpr> aggregates = new ArrayList<>();
    for (String t : targets) {
      aggregates.add(functions.fn(function, new Column(DataFrame.ref(t))).expr());
    }
    return aggregate(aggregates);
  }

  private DataFrame aggregate(List<LogicalExpr> aggregates) {
    List<LogicalExpr> keys = new ArrayList<>();
    List<LogicalExpr> output = new ArrayList<>();
    for (LogicalExpr g : grouping) {
      keys.add(g instanceof LogicalExpr.Alias a ? a.child() : g);
      output.add(g);
    }
    output.addAll(aggregates);
    if (sets != null) {
      return df.session().dataFrame(new LogicalPlan.GroupingSets(PlanIds.next(), grouping, sets, output,
          df.logicalPlan()));
    }
    return df.session().dataFrame(new LogicalPlan.Aggregate(PlanIds.next(), keys, output, df.logicalPlan()));
  }
}
