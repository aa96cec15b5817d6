package io.ember.api;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Missing-value handling of a DataFrame ({@link DataFrame#na()}), as Spark's {@code DataFrameNaFunctions}:
 * {@code drop} removes rows with nulls, {@code fill} replaces nulls with a value in the columns of a matching
 * type (numbers in numeric columns, strings in string columns, booleans in boolean columns), {@code replace}
 * replaces values by others in the columns of the replaced values' type.
 */
public final class DataFrameNaFunctions {
  private final DataFrame df;

  DataFrameNaFunctions(DataFrame df) {
    this.df = df;
  }

  // ---- drop ----

  /** Drops rows with a null in any column. */
  public DataFrame drop() {
    return drop("any");
  }

  /** {@code "any"}: drop rows with a null in any column; {@code "all"}: only rows where every column is null. */
  public DataFrame drop(String how) {
    return drop(how, df.columns());
  }

  public DataFrame drop(String[] cols) {
    return drop("any", cols);
  }

  /**
   * Drops rows with a null in any ({@code "any"}) or all ({@code "all"}) of {@code cols}.
   *
   * @throws EmberIllegalArgumentException for another {@code how}
   * @throws AnalysisException for an unknown column
   */
  public DataFrame drop(String how, String[] cols) {
    String h = how == null ? "" : how.toLowerCase(Locale.ROOT);
    switch (h) {
      case "any":
        return drop(cols.length, cols);
      case "all":
        return drop(Math.min(1, cols.length), cols);
      default:
        throw new EmberIllegalArgumentException(
            "INVALID_PARAMETER_VALUE.NA_DROP_HOW", "how (" + how + ") must be 'any' or 'all'.");
    }
  }

  public DataFrame drop(List<String> cols) {
    return drop(cols.toArray(new String[0]));
  }

  public DataFrame drop(String how, List<String> cols) {
    return drop(how, cols.toArray(new String[0]));
  }

  /** Keeps rows with at least {@code minNonNulls} non-null values. */
  public DataFrame drop(int minNonNulls) {
    return drop(minNonNulls, df.columns());
  }

  /** Keeps rows with at least {@code minNonNulls} non-null values among {@code cols}. */
  public DataFrame drop(int minNonNulls, String[] cols) {
    List<LogicalExpr> present = new ArrayList<>();
    for (String c : cols) {
      present.add(new LogicalExpr.Operator(Op.IS_NOT_NULL, List.of(DataFrame.ref(resolve(c).name()))));
    }
    if (minNonNulls <= 0) {
      return df;
    }
    LogicalExpr condition;
    if (minNonNulls > present.size()) {
      condition = functions.lit(false).expr();
    } else if (minNonNulls == present.size()) {
      condition = chain(Op.AND, present);
    } else if (minNonNulls == 1) {
      condition = chain(Op.OR, present);
    } else {
      List<LogicalExpr> counts = new ArrayList<>();
      for (LogicalExpr p : present) {
        counts.add(functions.when(new Column(p), 1).otherwise(0).expr());
      }
      condition = new LogicalExpr.Operator(Op.GREATER_THAN_OR_EQUAL,
          List.of(chain(Op.ADD, counts), functions.lit(minNonNulls).expr()));
    }
    return df.session().dataFrame(new LogicalPlan.Filter(PlanIds.next(), condition, df.logicalPlan()));
  }

  private static LogicalExpr chain(Op op, List<LogicalExpr> exprs) {
    LogicalExpr out = exprs.get(0);
    for (int i = 1; i < exprs.size(); i++) {
      out = new LogicalExpr.Operator(op, List.of(out, exprs.get(i)));
    }
    return out;
  }

  // ---- fill ----

  /** Replaces nulls in numeric columns with {@code value} (cast to each column's type). */
  public DataFrame fill(long value) {
    return fillMatching(value, DataType::isNumeric, null);
  }

  public DataFrame fill(double value) {
    return fillMatching(value, DataType::isNumeric, null);
  }

  /** Replaces nulls in string columns. */
  public DataFrame fill(String value) {
    return fillMatching(value, t -> t instanceof StringType, null);
  }

  /** Replaces nulls in boolean columns. */
  public DataFrame fill(boolean value) {
    return fillMatching(value, t -> t instanceof BooleanType, null);
  }

  /** Replaces nulls in those of {@code cols} that are numeric. */
  public DataFrame fill(long value, String[] cols) {
    return fillMatching(value, DataType::isNumeric, cols);
  }

  public DataFrame fill(double value, String[] cols) {
    return fillMatching(value, DataType::isNumeric, cols);
  }

  /** Replaces nulls in those of {@code cols} that are strings. */
  public DataFrame fill(String value, String[] cols) {
    return fillMatching(value, t -> t instanceof StringType, cols);
  }

  public DataFrame fill(boolean value, String[] cols) {
    return fillMatching(value, t -> t instanceof BooleanType, cols);
  }

  /**
   * Replaces nulls column by column: {@code {"age": 0, "name": "unknown"}}; values are Integer, Long, Float,
   * Double, String or Boolean and are cast to the column's type.
   *
   * @throws EmberIllegalArgumentException for another value type
   * @throws AnalysisException for an unknown column
   */
  public DataFrame fill(Map<String, Object> valueMap) {
    Map<String, Object> byColumn = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : valueMap.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof Integer || v instanceof Long || v instanceof Float || v instanceof Double
          || v instanceof String || v instanceof Boolean)) {
        throw new EmberIllegalArgumentException(
            "UNSUPPORTED_FILL_VALUE", "Unsupported value type " + (v == null ? "null" : v.getClass().getName())
                + " (" + v + ") for column `" + e.getKey() + "`; use Integer, Long, Float, Double, String or Boolean.");
      }
      byColumn.put(resolve(e.getKey()).name(), v);
    }
    return project(f -> byColumn.get(f.name()));
  }

  // ---- replace ----

  /**
   * Replaces values in column {@code col} ({@code "*"}: every column) by {@code replacement}'s, as Spark's
   * {@code na.replace}: see {@link #replace(String[], Map)}.
   */
  public DataFrame replace(String col, Map<?, ?> replacement) {
    return col.equals("*") ? replace(df.columns(), replacement) : replace(new String[] {col}, replacement);
  }

  public DataFrame replace(List<String> cols, Map<?, ?> replacement) {
    return replace(cols.toArray(new String[0]), replacement);
  }

  /**
   * Replaces, in those of {@code cols} whose type matches, each value equal to a key of {@code replacement} by
   * its value (cast to the column's type; null allowed), the first matching key winning. Keys and values are
   * Integer, Long, Float, Double, String or Boolean (values also null); the type of the first key decides the
   * columns: a number replaces in numeric columns (compared as doubles), a string in string columns, a boolean
   * in boolean columns. Other columns pass unchanged.
   *
   * @throws EmberIllegalArgumentException for a key or value of another type
   * @throws AnalysisException for an unknown column
   */
  public DataFrame replace(String[] cols, Map<?, ?> replacement) {
    if (replacement.isEmpty()) {
      return df;
    }
    for (Map.Entry<?, ?> e : replacement.entrySet()) {
      requireReplaceType(e.getKey(), "key");
      requireReplaceType(e.getValue(), "value");
    }
    Object first = replacement.keySet().iterator().next();
    Predicate<DataType> matches = first instanceof String ? t -> t instanceof StringType
        : first instanceof Boolean ? t -> t instanceof BooleanType : DataType::isNumeric;
    List<String> targets = new ArrayList<>();
    for (String c : cols) {
      targets.add(resolve(c).name());
    }
    List<LogicalExpr> projections = new ArrayList<>();
    boolean changed = false;
    for (StructField f : df.schema().fields()) {
      LogicalExpr ref = DataFrame.ref(f.name());
      if (!targets.contains(f.name()) || !matches.test(f.dataType())) {
        projections.add(ref);
        continue;
      }
      changed = true;
      Column c = new Column(ref);
      Column out = null;
      for (Map.Entry<?, ?> e : replacement.entrySet()) {
        Object key = e.getKey() instanceof Number n && !(e.getKey() instanceof Double) ? n.doubleValue() : e.getKey();
        Column to = e.getValue() == null ? functions.lit(null).cast(f.dataType())
            : functions.lit(e.getValue()).cast(f.dataType());
        Column when = c.equalTo(functions.lit(key));
        out = out == null ? functions.when(when, to) : out.when(when, to);
      }
      projections.add(out.otherwise(c).alias(f.name()).expr());
    }
    return changed ? df.session().dataFrame(new LogicalPlan.Project(PlanIds.next(), projections, df.logicalPlan())) : df;
  }

  private static void requireReplaceType(Object v, String what) {
    if (v == null && what.equals("value")) {
      return;
    }
    if (!(v instanceof Integer || v instanceof Long || v instanceof Float || v instanceof Double
        || v instanceof String || v instanceof Boolean)) {
      throw new EmberIllegalArgumentException("UNSUPPORTED_REPLACE_VALUE", "Unsupported " + what + " type "
          + (v == null ? "null" : v.getClass().getName()) + " (" + v + "); use Integer, Long, Float, Double, String"
          + " or Boolean" + (what.equals("value") ? ", or null" : "") + ".");
    }
  }

  private DataFrame fillMatching(Object value, Predicate<DataType> typeMatches, String[] cols) {
    List<String> targets = new ArrayList<>();
    if (cols == null) {
      targets.addAll(Arrays.asList(df.columns()));
    } else {
      for (String c : cols) {
        targets.add(resolve(c).name());
      }
    }
    return project(f -> targets.contains(f.name()) && typeMatches.test(f.dataType()) ? value : null);
  }

  /** Projects every column, with {@code coalesce(c, CAST(v AS type))} where {@code valueFor} gives a value. */
  private DataFrame project(java.util.function.Function<StructField, Object> valueFor) {
    List<LogicalExpr> projections = new ArrayList<>();
    boolean changed = false;
    for (StructField f : df.schema().fields()) {
      Object v = valueFor.apply(f);
      LogicalExpr ref = DataFrame.ref(f.name());
      if (v == null) {
        projections.add(ref);
      } else {
        changed = true;
        Column filler = functions.lit(v).cast(f.dataType());
        projections.add(functions.coalesce(new Column(ref), filler).alias(f.name()).expr());
      }
    }
    return changed ? df.session().dataFrame(new LogicalPlan.Project(PlanIds.next(), projections, df.logicalPlan())) : df;
  }

  private StructField resolve(String name) {
    int i = df.indexOf(name);
    if (i < 0) {
      throw AnalysisException.unresolvedColumn(name, df.schema().fieldNames());
    }
    return df.schema().field(i);
  }
}
