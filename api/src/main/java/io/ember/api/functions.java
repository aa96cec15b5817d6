package io.ember.api;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in functions of the DataFrame API, named as Spark's {@code org.apache.spark.sql.functions}.
 * Each builds an unresolved call by name; the analyzer resolves scalar functions through
 * {@link io.ember.core.expr.FunctionRegistry#standard()} and aggregates through the aggregate registry, so a
 * call with wrong argument types fails when the DataFrame that uses it is built. Overloads taking a
 * {@code String} take a column name where Spark's do. The binary and hash functions are inherited from
 * {@link BinaryHashFunctions}, the JSON, struct and multi-column generator functions from {@link NestedFunctions}.
 */
public final class functions extends BinaryHashFunctions {
  private functions() {}

  static Column fn(String name, Object... args) {
    return new Column(new LogicalExpr.Call(name, exprs(args), false));
  }

  private static Column distinctFn(String name, Object... args) {
    return new Column(new LogicalExpr.Call(name, exprs(args), true));
  }

  private static List<LogicalExpr> exprs(Object... args) {
    List<LogicalExpr> out = new ArrayList<>(args.length);
    for (Object a : args) {
      out.add(Column.toExpr(a));
    }
    return out;
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static Column[] cols(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }

  // ---- columns, literals, conditionals ----

  /**
   * The column of the SQL expression {@code expr} ({@code "a + 1"}, {@code "CASE WHEN x > 0 THEN 'p' END AS sign"}),
   * as Spark's {@code expr}; TIMESTAMP literals are read in the active session's time zone.
   *
   * @throws io.ember.api.sql.ParseException {@code PARSE_SYNTAX_ERROR} for text that is not an expression
   */
  public static Column expr(String expr) {
    return new Column(Session.expressionTranslator().expression(expr));
  }

  /**
   * A call of the function registered as {@code udfName} with {@code session.udf().register} (or, when none is,
   * of the built-in function of that name), as Spark's {@code call_udf}. An unknown name fails with
   * {@code UNRESOLVED_ROUTINE} suggesting the closest registered or built-in name when the DataFrame is built.
   */
  public static Column call_udf(String udfName, Column... cols) {
    return fn(udfName, (Object[]) cols);
  }

  /** Spark's older name of {@link #call_udf}. */
  public static Column callUDF(String udfName, Column... cols) {
    return call_udf(udfName, cols);
  }

  /** A call of the registered or built-in function {@code funcName}, as Spark's {@code call_function}. */
  public static Column call_function(String funcName, Column... cols) {
    return call_udf(funcName, cols);
  }

  /** The column called {@code name}; {@code "*"} is every column, {@code "t.*"} every column of alias {@code t}. */
  public static Column col(String name) {
    return new Column(name);
  }

  public static Column column(String name) {
    return col(name);
  }

  /** A literal of the Java value's type (see {@link io.ember.api.internal.Literals}); a Column is returned as is. */
  public static Column lit(Object value) {
    return value instanceof Column c ? c : new Column(Column.toExpr(value));
  }

  /** Starts {@code CASE WHEN condition THEN value}; chain {@link Column#when} and {@link Column#otherwise}. */
  public static Column when(Column condition, Object value) {
    return new Column(new LogicalExpr.CaseWhen(List.of(condition.expr()), List.of(Column.toExpr(value)), null));
  }

  /** The first non-null argument. */
  public static Column coalesce(Column... columns) {
    return fn("coalesce", (Object[]) columns);
  }

  public static Column not(Column e) {
    return new Column(new LogicalExpr.Operator(Op.NOT, List.of(e.expr())));
  }

  public static Column negate(Column e) {
    return new Column(new LogicalExpr.Operator(Op.NEGATE, List.of(e.expr())));
  }

  public static Column isnull(Column e) {
    return e.isNull();
  }

  public static Column isnotnull(Column e) {
    return e.isNotNull();
  }

  public static Column asc(String columnName) {
    return col(columnName).asc();
  }

  public static Column asc_nulls_first(String columnName) {
    return col(columnName).asc_nulls_first();
  }

  public static Column asc_nulls_last(String columnName) {
    return col(columnName).asc_nulls_last();
  }

  public static Column desc(String columnName) {
    return col(columnName).desc();
  }

  public static Column desc_nulls_first(String columnName) {
    return col(columnName).desc_nulls_first();
  }

  public static Column desc_nulls_last(String columnName) {
    return col(columnName).desc_nulls_last();
  }

  // ---- strings ----

  public static Column upper(Column e) {
    return fn("upper", e);
  }

  public static Column lower(Column e) {
    return fn("lower", e);
  }

  /** Characters of a string. */
  public static Column length(Column e) {
    return fn("length", e);
  }

  public static Column trim(Column e) {
    return fn("trim", e);
  }

  public static Column ltrim(Column e) {
    return fn("ltrim", e);
  }

  public static Column rtrim(Column e) {
    return fn("rtrim", e);
  }

  /** {@code len} characters from 1-based position {@code pos}. */
  public static Column substring(Column str, int pos, int len) {
    return fn("substring", str, pos, len);
  }

  public static Column concat(Column... exprs) {
    return fn("concat", (Object[]) exprs);
  }

  /** The non-null arguments joined with {@code sep}. */
  public static Column concat_ws(String sep, Column... exprs) {
    return fn("concat_ws", prepend(sep, exprs));
  }

  /** Splits around matches of the regular expression {@code pattern}. */
  public static Column split(Column str, String pattern) {
    return split(str, pattern, -1);
  }

  /** Splits around {@code pattern}, into at most {@code limit} parts when {@code limit > 0}. */
  public static Column split(Column str, String pattern, int limit) {
    return fn("split", str, pattern, limit);
  }

  public static Column regexp_replace(Column e, String pattern, String replacement) {
    return fn("regexp_replace", e, pattern, replacement);
  }

  public static Column regexp_replace(Column e, Column pattern, Column replacement) {
    return fn("regexp_replace", e, pattern, replacement);
  }

  /** Group {@code groupIdx} of the first match of {@code exp} (0 = the whole match), {@code ""} when none. */
  public static Column regexp_extract(Column e, String exp, int groupIdx) {
    return fn("regexp_extract", e, exp, groupIdx);
  }

  public static Column lpad(Column str, int len, String pad) {
    return fn("lpad", str, len, pad);
  }

  public static Column rpad(Column str, int len, String pad) {
    return fn("rpad", str, len, pad);
  }

  /** The 1-based position of {@code substring} in {@code str}, 0 when absent. */
  public static Column instr(Column str, String substring) {
    return fn("instr", str, substring);
  }

  /** SQL {@code LIKE}, named {@code str LIKE pattern}. */
  public static Column like(Column str, Column pattern) {
    return Column.like(str, pattern);
  }

  public static Column rlike(Column str, Column regexp) {
    return fn("RLIKE", str, regexp);
  }

  public static Column contains(Column left, Column right) {
    return fn("contains", left, right);
  }

  public static Column startswith(Column str, Column prefix) {
    return fn("startswith", str, prefix);
  }

  public static Column endswith(Column str, Column suffix) {
    return fn("endswith", str, suffix);
  }

  // ---- dates and times ----

  /** The date the query started, in the session time zone (the same for the whole query). */
  public static Column current_date() {
    return fn("current_date");
  }

  /** The instant the query started (the same for the whole query). */
  public static Column current_timestamp() {
    return fn("current_timestamp");
  }

  public static Column to_date(Column e) {
    return fn("to_date", e);
  }

  /** Parses with a datetime pattern such as {@code yyyy-MM-dd}. */
  public static Column to_date(Column e, String fmt) {
    return fn("to_date", e, fmt);
  }

  public static Column to_timestamp(Column s) {
    return fn("to_timestamp", s);
  }

  public static Column to_timestamp(Column s, String fmt) {
    return fn("to_timestamp", s, fmt);
  }

  public static Column date_format(Column dateExpr, String format) {
    return fn("date_format", dateExpr, format);
  }

  // ---- event-time windows ----

  /**
   * Tumbling event-time windows of {@code windowDuration} (an interval string such as {@code "10 minutes"}):
   * a column named {@code window} of type {@code struct<start: timestamp, end: timestamp>}, start inclusive,
   * end exclusive. Rows whose time is null are dropped, as in Spark.
   */
  public static Column window(Column timeColumn, String windowDuration) {
    return fn("window", timeColumn, windowDuration);
  }

  /** Sliding windows: a row lands in every window of {@code windowDuration} starting each {@code slideDuration}. */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
    return fn("window", timeColumn, windowDuration, slideDuration);
  }

  /** Windows offset by {@code startTime} from 1970-01-01 00:00:00 UTC ({@code "15 minutes"}: 12:15-13:15, ...). */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration, String startTime) {
    return fn("window", timeColumn, windowDuration, slideDuration, startTime);
  }

  /**
   * Session windows closing {@code gapDuration} after their latest row: in {@code groupBy}, rows of the same other
   * keys whose {@code [time, time + gap)} ranges overlap or touch merge into one session. A column named
   * {@code session_window}, {@code struct<start: timestamp, end: timestamp>}.
   */
  public static Column session_window(Column timeColumn, String gapDuration) {
    return fn("session_window", timeColumn, gapDuration);
  }

  /** Session windows whose gap is computed per row (an interval string); rows with a null or non-positive gap are dropped. */
  public static Column session_window(Column timeColumn, Column gapDuration) {
    return fn("session_window", timeColumn, gapDuration);
  }

  /** The event time of a time or session window column: its end minus one microsecond. */
  public static Column window_time(Column windowColumn) {
    return fn("window_time", windowColumn);
  }

  public static Column year(Column e) {
    return fn("year", e);
  }

  public static Column month(Column e) {
    return fn("month", e);
  }

  public static Column dayofmonth(Column e) {
    return fn("dayofmonth", e);
  }

  /** 1 = Sunday ... 7 = Saturday. */
  public static Column dayofweek(Column e) {
    return fn("dayofweek", e);
  }

  public static Column hour(Column e) {
    return fn("hour", e);
  }

  public static Column minute(Column e) {
    return fn("minute", e);
  }

  public static Column second(Column e) {
    return fn("second", e);
  }

  /** Days from {@code start} to {@code end}. */
  public static Column datediff(Column end, Column start) {
    return fn("datediff", end, start);
  }

  /**
   * Spark's {@code make_dt_interval}: an {@code interval day to second} of {@code days}, {@code hours},
   * {@code mins} and {@code secs} (a {@code decimal(18,6)}, so fractions down to the microsecond).
   */
  public static Column make_dt_interval(Column days, Column hours, Column mins, Column secs) {
    return fn("make_dt_interval", days, hours, mins, secs);
  }

  /** Spark's {@code make_ym_interval}: an {@code interval year to month} of {@code years} and {@code months}. */
  public static Column make_ym_interval(Column years, Column months) {
    return fn("make_ym_interval", years, months);
  }

  public static Column date_add(Column start, int days) {
    return fn("date_add", start, days);
  }

  public static Column date_add(Column start, Column days) {
    return fn("date_add", start, days);
  }

  public static Column date_sub(Column start, int days) {
    return fn("date_sub", start, days);
  }

  public static Column date_sub(Column start, Column days) {
    return fn("date_sub", start, days);
  }

  /** Seconds since the epoch of the query start. */
  public static Column unix_timestamp() {
    return unix_timestamp(current_timestamp());
  }

  /** Seconds since the epoch of a timestamp, date or string in {@code yyyy-MM-dd HH:mm:ss}. */
  public static Column unix_timestamp(Column s) {
    return unix_timestamp(s, "yyyy-MM-dd HH:mm:ss");
  }

  public static Column unix_timestamp(Column s, String p) {
    return fn("unix_timestamp", s, p);
  }

  /** Seconds since the epoch as a {@code yyyy-MM-dd HH:mm:ss} string in the session time zone. */
  public static Column from_unixtime(Column ut) {
    return from_unixtime(ut, "yyyy-MM-dd HH:mm:ss");
  }

  public static Column from_unixtime(Column ut, String f) {
    return fn("from_unixtime", ut, f);
  }

  // ---- math ----

  public static Column abs(Column e) {
    return fn("abs", e);
  }

  /** Rounds half up to 0 decimal places. */
  public static Column round(Column e) {
    return round(e, 0);
  }

  /** Rounds half up to {@code scale} decimal places. */
  public static Column round(Column e, int scale) {
    return fn("round", e, scale);
  }

  public static Column floor(Column e) {
    return fn("FLOOR", e);
  }

  public static Column floor(String columnName) {
    return floor(col(columnName));
  }

  public static Column ceil(Column e) {
    return fn("CEIL", e);
  }

  public static Column ceil(String columnName) {
    return ceil(col(columnName));
  }

  public static Column sqrt(Column e) {
    return fn("SQRT", e);
  }

  public static Column sqrt(String columnName) {
    return sqrt(col(columnName));
  }

  public static Column pow(Column l, Column r) {
    return fn("POWER", l, r);
  }

  public static Column pow(Column l, double r) {
    return fn("POWER", l, r);
  }

  public static Column pow(String leftName, double r) {
    return pow(col(leftName), r);
  }

  public static Column exp(Column e) {
    return fn("EXP", e);
  }

  public static Column exp(String columnName) {
    return exp(col(columnName));
  }

  /** The natural logarithm. */
  public static Column log(Column e) {
    return fn("ln", e);
  }

  public static Column log(String columnName) {
    return log(col(columnName));
  }

  /** The logarithm of {@code a} to {@code base}. */
  public static Column log(double base, Column a) {
    return fn("LOG", base, a);
  }

  // ---- arrays ----

  /**
   * One output row per element of an array, column {@code col}, or entry of a map, columns {@code key, value} (none
   * for an empty or null one).
   */
  public static Column explode(Column e) {
    return fn("explode", e);
  }

  /** As {@link #explode}, but an empty or null array gives one row with null. */
  public static Column explode_outer(Column e) {
    return fn("explode_outer", e);
  }

  public static Column array(Column... cols) {
    return fn("array", (Object[]) cols);
  }

  public static Column array(String... colNames) {
    return array(cols(colNames));
  }

  /** Elements of an array. */
  /** An array holding {@code element} {@code count} times; null for a null count, empty for a count below 1. */
  public static Column array_repeat(Column element, Column count) {
    return fn("array_repeat", element, count);
  }

  /** As {@link #array_repeat(Column, Column)} with a fixed count. */
  public static Column array_repeat(Column element, int count) {
    return fn("array_repeat", element, lit(count));
  }

  public static Column size(Column e) {
    return fn("size", e);
  }

  public static Column array_contains(Column column, Object value) {
    return fn("array_contains", column, value);
  }

  /** Element {@code extraction} of an array (1-based, negative from the end), or the value of that key of a map. */
  public static Column element_at(Column column, Object extraction) {
    return fn("element_at", column, extraction);
  }

  /** As {@link #size}. */
  public static Column cardinality(Column e) {
    return fn("cardinality", e);
  }

  // ---- maps (Spark's semantics: null keys fail with NULL_MAP_KEY, repeated keys with DUPLICATED_MAP_KEY) ----

  /** A map from alternating key and value columns: {@code create_map(k1, v1, k2, v2, ...)}, named {@code map(...)}. */
  public static Column create_map(Column... cols) {
    return fn("map", (Object[]) cols);
  }

  public static Column map_keys(Column e) {
    return fn("map_keys", e);
  }

  public static Column map_values(Column e) {
    return fn("map_values", e);
  }

  /** The entries of a map as an array of {@code struct<key, value>}. */
  public static Column map_entries(Column e) {
    return fn("map_entries", e);
  }

  public static Column map_from_arrays(Column keys, Column values) {
    return fn("map_from_arrays", keys, values);
  }

  public static Column map_contains_key(Column column, Object key) {
    return fn("map_contains_key", column, key);
  }

  /** As {@link #explode}, with the position: columns {@code pos, col} (an array) or {@code pos, key, value} (a map). */
  public static Column posexplode(Column e) {
    return fn("posexplode", e);
  }

  // ---- aggregates ----

  public static Column count(Column e) {
    return fn("count", e);
  }

  /** {@code count("*")} counts rows (named {@code count(1)}); a column name counts its non-null values. */
  public static Column count(String columnName) {
    return count(col(columnName));
  }

  public static Column countDistinct(Column expr, Column... exprs) {
    return distinctFn("count", prepend(expr, exprs));
  }

  public static Column countDistinct(String columnName, String... columnNames) {
    return countDistinct(col(columnName), cols(columnNames));
  }

  public static Column count_distinct(Column expr, Column... exprs) {
    return countDistinct(expr, exprs);
  }

  public static Column sum(Column e) {
    return fn("sum", e);
  }

  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  public static Column sum_distinct(Column e) {
    return distinctFn("sum", e);
  }

  public static Column sumDistinct(Column e) {
    return sum_distinct(e);
  }

  public static Column avg(Column e) {
    return fn("avg", e);
  }

  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  /** The same as {@link #avg} (and named {@code avg(..)}, as in Spark). */
  public static Column mean(Column e) {
    return avg(e);
  }

  public static Column mean(String columnName) {
    return avg(columnName);
  }

  public static Column min(Column e) {
    return fn("min", e);
  }

  public static Column min(String columnName) {
    return min(col(columnName));
  }

  public static Column max(Column e) {
    return fn("max", e);
  }

  public static Column max(String columnName) {
    return max(col(columnName));
  }

  /** Window function: the row's number in its partition's order, from 1. */
  public static Column row_number() {
    return fn("row_number");
  }

  /** Window function: 1 + the number of rows ordered strictly before (ties share a rank, gaps follow). */
  public static Column rank() {
    return fn("rank");
  }

  /** Window function: the rank without gaps after ties. */
  public static Column dense_rank() {
    return fn("dense_rank");
  }

  /** Window function: {@code (rank - 1) / (rows in partition - 1)}, 0 in a one-row partition. */
  public static Column percent_rank() {
    return fn("percent_rank");
  }

  /** Window function: the fraction of the partition's rows ordered before or tied with the row. */
  public static Column cume_dist() {
    return fn("cume_dist");
  }

  /** Window function: the bucket 1..n of the row when the ordered partition is split into n near-equal groups. */
  public static Column ntile(int n) {
    return fn("ntile", n);
  }

  /** Window function: {@code e} one row before in the partition's order, null for the first row. */
  public static Column lag(Column e, int offset) {
    return lag(e, offset, null);
  }

  public static Column lag(String columnName, int offset) {
    return lag(col(columnName), offset);
  }

  /** {@code e} {@code offset} rows before, {@code defaultValue} when there is no such row. */
  public static Column lag(Column e, int offset, Object defaultValue) {
    return fn("lag", e, offset, defaultValue);
  }

  public static Column lag(String columnName, int offset, Object defaultValue) {
    return lag(col(columnName), offset, defaultValue);
  }

  /** {@code e} {@code offset} non-null values before when {@code ignoreNulls}. */
  public static Column lag(Column e, int offset, Object defaultValue, boolean ignoreNulls) {
    return fn("lag", e, offset, defaultValue, ignoreNulls);
  }

  /** Window function: {@code e} {@code offset} rows after in the partition's order, null past the end. */
  public static Column lead(Column e, int offset) {
    return lead(e, offset, null);
  }

  public static Column lead(String columnName, int offset) {
    return lead(col(columnName), offset);
  }

  public static Column lead(Column e, int offset, Object defaultValue) {
    return fn("lead", e, offset, defaultValue);
  }

  public static Column lead(String columnName, int offset, Object defaultValue) {
    return lead(col(columnName), offset, defaultValue);
  }

  public static Column lead(Column e, int offset, Object defaultValue, boolean ignoreNulls) {
    return fn("lead", e, offset, defaultValue, ignoreNulls);
  }

  /** Window function: {@code e} at the {@code offset}th row of the frame (from 1), null when the frame is shorter. */
  public static Column nth_value(Column e, int offset) {
    return fn("nth_value", e, offset);
  }

  /** {@code e} at the {@code offset}th row of the frame whose value is not null, when {@code ignoreNulls}. */
  public static Column nth_value(Column e, int offset, boolean ignoreNulls) {
    return ignoreNulls ? fn("nth_value", e, offset, true) : nth_value(e, offset);
  }

  /** The first value seen in a group (order depends on the input unless sorted). */
  public static Column first(Column e) {
    return fn("first", e);
  }

  /** The first value, or the first non-null one when {@code ignoreNulls}. */
  public static Column first(Column e, boolean ignoreNulls) {
    return ignoreNulls ? fn("first", e, true) : first(e);
  }

  public static Column first(String columnName) {
    return first(col(columnName));
  }

  public static Column first(String columnName, boolean ignoreNulls) {
    return first(col(columnName), ignoreNulls);
  }

  public static Column last(Column e) {
    return fn("last", e);
  }

  public static Column last(Column e, boolean ignoreNulls) {
    return ignoreNulls ? fn("last", e, true) : last(e);
  }

  public static Column last(String columnName) {
    return last(col(columnName));
  }

  public static Column last(String columnName, boolean ignoreNulls) {
    return last(col(columnName), ignoreNulls);
  }

  public static Column collect_list(Column e) {
    return fn("collect_list", e);
  }

  public static Column collect_list(String columnName) {
    return collect_list(col(columnName));
  }

  public static Column collect_set(Column e) {
    return fn("collect_set", e);
  }

  public static Column collect_set(String columnName) {
    return collect_set(col(columnName));
  }

  /**
   * Under {@link DataFrame#rollup}, {@link DataFrame#cube} or SQL's {@code GROUPING SETS}: 1 in the rows where
   * grouping column {@code e} is aggregated away (its null there is not a value of the data), 0 where it is a
   * group's value. An int (Spark's is a tinyint). Any other column is Spark's {@code GROUPING_COLUMN_MISMATCH}.
   */
  public static Column grouping(Column e) {
    return fn("grouping", e);
  }

  public static Column grouping(String columnName) {
    return grouping(col(columnName));
  }

  /**
   * Under {@link DataFrame#rollup}, {@link DataFrame#cube} or SQL's {@code GROUPING SETS}: the bigint whose bits are
   * {@link #grouping} of each grouping column, the first column the most significant ({@code (grouping(c1) << (n -
   * 1)) + ... + grouping(cn)}). As in Spark, {@code cols} are all the grouping columns in order, or none; any other
   * list is {@code GROUPING_ID_COLUMN_MISMATCH}.
   */
  public static Column grouping_id(Column... cols) {
    return fn("grouping_id", (Object[]) cols);
  }

  public static Column grouping_id(String colName, String... colNames) {
    Column[] all = new Column[colNames.length + 1];
    all[0] = col(colName);
    System.arraycopy(cols(colNames), 0, all, 1, colNames.length);
    return grouping_id(all);
  }

  /** The sample standard deviation. */
  public static Column stddev(Column e) {
    return fn("stddev", e);
  }

  public static Column stddev(String columnName) {
    return stddev(col(columnName));
  }

  public static Column stddev_samp(Column e) {
    return fn("stddev_samp", e);
  }

  public static Column stddev_pop(Column e) {
    return fn("stddev_pop", e);
  }

  /** The sample variance. */
  public static Column variance(Column e) {
    return fn("variance", e);
  }

  public static Column variance(String columnName) {
    return variance(col(columnName));
  }

  public static Column var_samp(Column e) {
    return fn("var_samp", e);
  }

  public static Column var_pop(Column e) {
    return fn("var_pop", e);
  }

  /** Distinct values estimated with HyperLogLog++ (relative standard deviation 0.05). */
  public static Column approx_count_distinct(Column e) {
    return fn("approx_count_distinct", e);
  }

  public static Column approx_count_distinct(String columnName) {
    return approx_count_distinct(col(columnName));
  }

  /** Distinct values estimated with the relative standard deviation {@code rsd}. */
  public static Column approx_count_distinct(Column e, double rsd) {
    return fn("approx_count_distinct", e, rsd);
  }

  public static Column approx_count_distinct(String columnName, double rsd) {
    return approx_count_distinct(col(columnName), rsd);
  }
}
