package io.ember.api;

import static io.ember.api.functions.approx_count_distinct;
import static io.ember.api.functions.avg;
import static io.ember.api.functions.count;
import static io.ember.api.functions.countDistinct;
import static io.ember.api.functions.max;
import static io.ember.api.functions.min;
import static io.ember.api.functions.stddev;
import static io.ember.api.functions.when;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link DataFrame#describe} and {@link DataFrame#summary}, with Spark's output: a string column
 * {@code summary} naming each statistic (as the caller spelled it), then one string column per numeric or
 * string input column (other types are left out), each value cast to a string as Spark shows it.
 *
 * <p>Statistics, matched case-insensitively: {@code count} (non-null values), {@code mean} and {@code stddev}
 * (sample), {@code min}, {@code max}, {@code count_distinct}, {@code approx_count_distinct} and percentiles
 * such as {@code 25%}. Over a string column, {@code mean}, {@code stddev} and the percentiles take the values
 * that are decimal numbers (as Spark's {@code try_cast} to double, which gives null for the others); over a
 * numeric column a percentile has the column's type.
 *
 * <p>Percentiles are exact where Spark's {@code percentile_approx} (accuracy 10000) is approximate: the
 * {@code p}-th percentile is the smallest value whose rank among the {@code n} non-null values is at least
 * {@code ceil(p * n)}, which is what {@code percentile_approx} returns whenever its error bound allows an exact
 * answer (under 10000 values).
 *
 * <p>The statistics are computed when {@code describe}/{@code summary} is called (one aggregation job, plus
 * one top-N job per percentile and column), and the result is a local DataFrame of those rows.
 */
final class StatSummary {
  /** {@code summary()}'s statistics when none are given. */
  static final List<String> DEFAULT_STATISTICS = List.of("count", "mean", "stddev", "min", "25%", "50%", "75%", "max");

  /** {@code describe}'s statistics. */
  static final List<String> DESCRIBE_STATISTICS = List.of("count", "mean", "stddev", "min", "max");

  private static final String DECIMAL_NUMBER = "^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*$";

  private StatSummary() {}

  /** The rows of {@code statistics} (the default ones when empty) over {@code df}'s numeric and string columns. */
  static DataFrame summary(DataFrame df, List<String> statistics) {
    List<String> stats = statistics.isEmpty() ? DEFAULT_STATISTICS : statistics;
    List<Double> percentiles = new ArrayList<>();
    for (String s : stats) {
      String key = s.toLowerCase(Locale.ROOT);
      if (key.endsWith("%")) {
        percentiles.add(percentile(s));
      } else if (!List.of("count", "mean", "stddev", "min", "max", "count_distinct", "approx_count_distinct")
          .contains(key)) {
        throw new EmberIllegalArgumentException("_LEGACY_ERROR_TEMP_2114", s + " is not a recognised statistic.");
      }
    }
    List<StructField> columns = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (f.dataType().isNumeric() || f.dataType() instanceof StringType) {
        columns.add(f);
      }
    }
    List<StructField> outFields = new ArrayList<>();
    outFields.add(DataTypes.field("summary", DataTypes.STRING));
    for (StructField f : columns) {
      outFields.add(DataTypes.field(f.name(), DataTypes.STRING));
    }
    StructType outSchema = new StructType(outFields);
    String[][] cells = new String[stats.size()][columns.size()];
    if (!columns.isEmpty()) {
      fill(df, stats, columns, cells);
    }
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < stats.size(); s++) {
      Object[] values = new Object[columns.size() + 1];
      values[0] = stats.get(s);
      System.arraycopy(cells[s], 0, values, 1, columns.size());
      rows.add(Row.of(values));
    }
    return df.session().createDataFrame(rows, outSchema);
  }

  /** The cells of every statistic (rows) and column: one aggregation, then the percentiles column by column. */
  private static void fill(DataFrame df, List<String> stats, List<StructField> columns, String[][] cells) {
    List<Column> aggs = new ArrayList<>();
    for (StructField f : columns) {
      Column c = df.col(f.name());
      Column numeric = numeric(df, f);
      for (String s : stats) {
        String key = s.toLowerCase(Locale.ROOT);
        Column agg = switch (key) {
          case "count" -> count(c);
          case "mean" -> avg(numeric);
          case "stddev" -> stddev(numeric);
          case "min" -> min(c);
          case "max" -> max(c);
          case "count_distinct" -> countDistinct(c);
          case "approx_count_distinct" -> approx_count_distinct(c);
          default -> count(numeric); // a percentile: the number of values it ranks
        };
        aggs.add(agg.cast("string"));
      }
    }
    Row agg = df.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).collectAsList().get(0);
    for (int c = 0; c < columns.size(); c++) {
      for (int s = 0; s < stats.size(); s++) {
        String value = (String) agg.get(c * stats.size() + s);
        String stat = stats.get(s);
        cells[s][c] = stat.endsWith("%") ? percentileValue(df, columns.get(c), percentile(stat), Long.parseLong(value))
            : value;
      }
    }
  }

  /** The value at rank {@code max(1, ceil(p * n))} among the {@code n} non-null (numeric) values, as a string. */
  private static String percentileValue(DataFrame df, StructField f, double p, long n) {
    if (n == 0) {
      return null;
    }
    long rank = Math.max(1, (long) Math.ceil(p * n));
    Column numeric = numeric(df, f);
    List<Row> at = df.select(numeric.alias("v")).filter(functions.col("v").isNotNull())
        .orderBy(functions.col("v").asc()).offset((int) (rank - 1)).limit(1)
        .select(functions.col("v").cast("string")).collectAsList();
    return at.isEmpty() ? null : (String) at.get(0).get(0);
  }

  /** The column itself when numeric; for a string column, its decimal-number values as doubles, else null. */
  private static Column numeric(DataFrame df, StructField f) {
    Column c = df.col(f.name());
    if (f.dataType() instanceof StringType) {
      return when(c.rlike(DECIMAL_NUMBER), c.cast("double"));
    }
    return c;
  }

  /** {@code "25%"} as 0.25. */
  private static double percentile(String stat) {
    double p;
    try {
      p = Double.parseDouble(stat.substring(0, stat.length() - 1)) / 100.0;
    } catch (NumberFormatException e) {
      throw new EmberIllegalArgumentException("_LEGACY_ERROR_TEMP_2114", stat + " is not a recognised statistic.");
    }
    if (p < 0 || p > 1 || Double.isNaN(p)) {
      throw new EmberIllegalArgumentException("INVALID_PARAMETER_VALUE",
          "requirement failed: Percentiles must be in the range [0, 1], got " + stat + ".");
    }
    return p;
  }
}
