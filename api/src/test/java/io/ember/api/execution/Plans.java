package io.ember.api.execution;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds logical plans and expressions for tests, the way the DataFrame API does. */
public final class Plans {
  private Plans() {}

  public static StructType schema(Object... nameTypePairs) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      fields.add(new StructField((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1], true));
    }
    return new StructType(fields);
  }

  /** A local relation of {@code rows}, cut into batches of {@code batchRows}. */
  public static LogicalPlan.LocalRelation local(StructType schema, int batchRows, List<Row> rows) {
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += batchRows) {
      batches.add(Batch.fromRows(schema, rows.subList(i, Math.min(rows.size(), i + batchRows))));
    }
    return new LogicalPlan.LocalRelation(PlanIds.next(), schema, batches);
  }

  public static LogicalPlan.LocalRelation local(StructType schema, Row... rows) {
    return local(schema, 2, Arrays.asList(rows));
  }

  public static LogicalExpr col(String name) {
    return new LogicalExpr.UnresolvedColumn(name, null);
  }

  /** {@code df.col(name)}. */
  public static LogicalExpr col(LogicalPlan df, String name) {
    return new LogicalExpr.UnresolvedColumn(name, df.planId());
  }

  public static LogicalExpr lit(Object v) {
    DataType t = v == null ? DataTypes.NULL : v instanceof Integer ? DataTypes.INTEGER : v instanceof Long
        ? DataTypes.LONG : v instanceof Double ? DataTypes.DOUBLE : v instanceof Boolean ? DataTypes.BOOLEAN
        : DataTypes.STRING;
    return new LogicalExpr.LiteralValue(v, t);
  }

  public static LogicalExpr op(Op op, LogicalExpr... args) {
    return new LogicalExpr.Operator(op, List.of(args));
  }

  public static LogicalExpr call(String name, LogicalExpr... args) {
    return new LogicalExpr.Call(name, List.of(args), false);
  }

  public static LogicalExpr as(LogicalExpr e, String name) {
    return new LogicalExpr.Alias(e, name);
  }

  public static LogicalExpr star() {
    return new LogicalExpr.Star(null);
  }

  public static LogicalExpr.SortOrder asc(LogicalExpr e) {
    return new LogicalExpr.SortOrder(e, true, true);
  }

  public static LogicalExpr.SortOrder desc(LogicalExpr e) {
    return new LogicalExpr.SortOrder(e, false, false);
  }

  public static LogicalPlan select(LogicalPlan child, LogicalExpr... exprs) {
    return new LogicalPlan.Project(PlanIds.next(), List.of(exprs), child);
  }

  public static LogicalPlan filter(LogicalPlan child, LogicalExpr cond) {
    return new LogicalPlan.Filter(PlanIds.next(), cond, child);
  }

  public static LogicalPlan groupBy(LogicalPlan child, List<LogicalExpr> keys, LogicalExpr... aggs) {
    List<LogicalExpr> all = new ArrayList<>(keys);
    all.addAll(List.of(aggs));
    return new LogicalPlan.Aggregate(PlanIds.next(), keys, all, child);
  }

  public static LogicalPlan sort(LogicalPlan child, LogicalExpr.SortOrder... order) {
    return new LogicalPlan.Sort(PlanIds.next(), List.of(order), child);
  }

  public static LogicalPlan limit(LogicalPlan child, int n) {
    return new LogicalPlan.Limit(PlanIds.next(), n, 0, child);
  }

  public static LogicalPlan distinct(LogicalPlan child, String... keys) {
    return new LogicalPlan.Deduplicate(PlanIds.next(), List.of(keys), child);
  }

  public static LogicalPlan join(LogicalPlan l, LogicalPlan r, String how, LogicalExpr cond) {
    return new LogicalPlan.Join(PlanIds.next(), l, r, how, cond, List.of());
  }

  public static LogicalPlan joinUsing(LogicalPlan l, LogicalPlan r, String how, String... cols) {
    return new LogicalPlan.Join(PlanIds.next(), l, r, how, null, List.of(cols));
  }

  public static LogicalPlan union(LogicalPlan... inputs) {
    return new LogicalPlan.Union(PlanIds.next(), List.of(inputs), false, false);
  }

  public static LogicalPlan unionByName(boolean allowMissing, LogicalPlan... inputs) {
    return new LogicalPlan.Union(PlanIds.next(), List.of(inputs), true, allowMissing);
  }

  public static LogicalPlan alias(LogicalPlan child, String name) {
    return new LogicalPlan.SubqueryAlias(PlanIds.next(), name, child);
  }
}
