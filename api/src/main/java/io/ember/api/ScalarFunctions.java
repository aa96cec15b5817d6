package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.fn;

/**
 * Scalar functions of the DataFrame API that call SQL functions by name, with the signatures of Spark's
 * {@code org.apache.spark.sql.functions}: across columns ({@code greatest}, {@code least}), nulls ({@code nullif},
 * {@code nvl}, {@code ifnull}), math ({@code pmod}, {@code bround}), strings ({@code locate}, {@code position},
 * {@code repeat}, {@code replace}, {@code translate}, {@code substr}, {@code btrim}), dates ({@code date_trunc},
 * {@code trunc}, {@code last_day}, {@code next_day}, {@code make_date}, {@code months_between}). They are called
 * as {@code functions.greatest(..)}: {@link functions} inherits them, so that this family has a file of its own.
 * Each builds a call the analyzer resolves through the same registry as SQL, so the DataFrame and SQL forms check
 * their arguments and compute alike.
 */
public abstract class ScalarFunctions extends NestedFunctions {
  ScalarFunctions() {}

  /** The greatest value of the columns, skipping nulls (null only when all are null); at least two columns. */
  public static Column greatest(Column... exprs) {
    return fn("greatest", (Object[]) exprs);
  }

  /** {@link #greatest(Column...)} of the named columns. */
  public static Column greatest(String columnName, String... columnNames) {
    return greatest(columns(columnName, columnNames));
  }

  /** The least value of the columns, skipping nulls (null only when all are null); at least two columns. */
  public static Column least(Column... exprs) {
    return fn("least", (Object[]) exprs);
  }

  /** {@link #least(Column...)} of the named columns. */
  public static Column least(String columnName, String... columnNames) {
    return least(columns(columnName, columnNames));
  }

  /** Null when {@code col1} equals {@code col2}, else {@code col1}. */
  public static Column nullif(Column col1, Column col2) {
    return fn("nullif", col1, col2);
  }

  /** {@code col2} when {@code col1} is null, else {@code col1}. */
  public static Column nvl(Column col1, Column col2) {
    return fn("nvl", col1, col2);
  }

  /** {@code col2} when {@code col1} is null, else {@code col1} (the same as {@link #nvl}). */
  public static Column ifnull(Column col1, Column col2) {
    return fn("ifnull", col1, col2);
  }

  /** The positive value of {@code dividend} mod {@code divisor}. */
  public static Column pmod(Column dividend, Column divisor) {
    return fn("pmod", dividend, divisor);
  }

  /** Rounded to a whole number with HALF_EVEN rounding (banker's rounding). */
  public static Column bround(Column e) {
    return bround(e, 0);
  }

  /** Rounded to {@code scale} decimal places with HALF_EVEN rounding (banker's rounding). */
  public static Column bround(Column e, int scale) {
    return fn("bround", e, scale);
  }

  /** The 1-based position of the first occurrence of {@code substr} in {@code str}; 0 when absent. */
  public static Column locate(String substr, Column str) {
    return locate(substr, str, 1);
  }

  /** The 1-based position of the first occurrence of {@code substr} in {@code str} at or after {@code pos}. */
  public static Column locate(String substr, Column str, int pos) {
    return fn("locate", substr, str, pos);
  }

  /** The 1-based position of the first occurrence of {@code substr} in {@code str}; 0 when absent. */
  public static Column position(Column substr, Column str) {
    return fn("position", substr, str);
  }

  /** The 1-based position of the first occurrence of {@code substr} in {@code str} at or after {@code start}. */
  public static Column position(Column substr, Column str, Column start) {
    return fn("position", substr, str, start);
  }

  /** The string repeated {@code n} times. */
  public static Column repeat(Column str, int n) {
    return fn("repeat", str, n);
  }

  /** The string repeated {@code n} times. */
  public static Column repeat(Column str, Column n) {
    return fn("repeat", str, n);
  }

  /** {@code src} without the occurrences of {@code search}. */
  public static Column replace(Column src, Column search) {
    return fn("replace", src, search);
  }

  /** {@code src} with every occurrence of {@code search} replaced by {@code replace}. */
  public static Column replace(Column src, Column search, Column replace) {
    return fn("replace", src, search, replace);
  }

  /**
   * Each character of {@code src} found in {@code matchingString} replaced by the character at the same place in
   * {@code replaceString} (removed when that string is shorter).
   */
  public static Column translate(Column src, String matchingString, String replaceString) {
    return fn("translate", src, matchingString, replaceString);
  }

  /** The substring of {@code str} from 1-based {@code pos} to its end. */
  public static Column substr(Column str, Column pos) {
    return fn("substr", str, pos);
  }

  /** The substring of {@code str} from 1-based {@code pos}, {@code len} characters long. */
  public static Column substr(Column str, Column pos, Column len) {
    return fn("substr", str, pos, len);
  }

  /** {@code str} without leading and trailing spaces. */
  public static Column btrim(Column str) {
    return fn("btrim", str);
  }

  /** {@code str} without the leading and trailing characters of {@code trim}. */
  public static Column btrim(Column str, Column trim) {
    return fn("btrim", str, trim);
  }

  /** The timestamp truncated to the unit {@code format} ('year', 'quarter', 'month', 'week', 'day', 'hour', ...). */
  public static Column date_trunc(String format, Column timestamp) {
    return fn("date_trunc", format, timestamp);
  }

  /** The date truncated to the unit {@code format} ('year', 'yyyy', 'yy', 'quarter', 'month', 'mon', 'mm', 'week'). */
  public static Column trunc(Column date, String format) {
    return fn("trunc", date, format);
  }

  /** The last day of the month the date belongs to. */
  public static Column last_day(Column e) {
    return fn("last_day", e);
  }

  /** The first date later than {@code date} that falls on {@code dayOfWeek} ('Mon', 'Tue', ...). */
  public static Column next_day(Column date, String dayOfWeek) {
    return fn("next_day", date, dayOfWeek);
  }

  /** The first date later than {@code date} that falls on the day of week in {@code dayOfWeek}. */
  public static Column next_day(Column date, Column dayOfWeek) {
    return fn("next_day", date, dayOfWeek);
  }

  /** The date of the given year, month and day. */
  public static Column make_date(Column year, Column month, Column day) {
    return fn("make_date", year, month, day);
  }

  /**
   * Months from {@code start} to {@code end}: whole months when both are the same day of the month or both the last
   * day, else a fraction over a 31-day month, rounded to 8 digits.
   */
  public static Column months_between(Column end, Column start) {
    return months_between(end, start, true);
  }

  /** As {@link #months_between(Column, Column)}, rounded to 8 digits only when {@code roundOff}. */
  public static Column months_between(Column end, Column start, boolean roundOff) {
    return fn("months_between", end, start, roundOff);
  }

  private static Column[] columns(String first, String[] rest) {
    Column[] out = new Column[rest.length + 1];
    out[0] = col(first);
    for (int i = 0; i < rest.length; i++) {
      out[i + 1] = col(rest[i]);
    }
    return out;
  }
}
