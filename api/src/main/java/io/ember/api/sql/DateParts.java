package io.ember.api.sql;

import io.ember.api.internal.Literals;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.Locale;

/**
 * Spark's {@code EXTRACT(field FROM source)} and {@code date_part('field', source)} over dates and timestamps, as
 * expressions over Ember's date functions. The fields and their synonyms are Spark's: YEAR (Y, YEARS, YR, YRS),
 * YEAROFWEEK (the ISO week-based year), QUARTER (QTR), MONTH (MON, MONS, MONTHS), WEEK (W, WEEKS; ISO 8601), DAY (D,
 * DAYS), DAYOFWEEK (DOW; Sunday 1 to Saturday 7), DAYOFWEEK_ISO (DOW_ISO; Monday 1 to Sunday 7), DOY, HOUR (H, HOURS,
 * HR, HRS), MINUTE (M, MIN, MINS, MINUTES) and SECOND (S, SEC, SECONDS, SECS), the seconds with their fraction as
 * {@code decimal(8,6)}; all but SECOND are ints.
 */
final class DateParts {
  private DateParts() {}

  /**
   * {@code field} of {@code source}, named {@code shownAs} (Spark's column name).
   *
   * @throws AnalysisException {@code INVALID_EXTRACT_FIELD} for a field Spark does not know
   */
  static LogicalExpr extract(String field, LogicalExpr source, String shownAs) {
    LogicalExpr value = switch (field.toUpperCase(Locale.ROOT)) {
      case "YEAR", "Y", "YEARS", "YR", "YRS" -> call("year", source);
      case "YEAROFWEEK" -> call("year", new LogicalExpr.Call("date_add", List.of(new LogicalExpr.Cast(source,
          DataTypes.DATE), new LogicalExpr.Operator(Op.SUBTRACT, List.of(Literals.of(3), call("weekday", source)))),
          false));
      case "QUARTER", "QTR" -> call("quarter", source);
      case "MONTH", "MON", "MONS", "MONTHS" -> call("month", source);
      case "WEEK", "W", "WEEKS" -> call("weekofyear", source);
      case "DAY", "D", "DAYS" -> call("day", source);
      case "DAYOFWEEK", "DOW" -> call("dayofweek", source);
      case "DAYOFWEEK_ISO", "DOW_ISO" -> new LogicalExpr.Operator(Op.ADD, List.of(call("weekday", source),
          Literals.of(1)));
      case "DOY" -> call("dayofyear", source);
      case "HOUR", "H", "HOURS", "HR", "HRS" -> call("hour", source);
      case "MINUTE", "M", "MIN", "MINS", "MINUTES" -> call("minute", source);
      case "SECOND", "S", "SEC", "SECONDS", "SECS" -> new LogicalExpr.Cast(new LogicalExpr.Call("date_format",
          List.of(source, Literals.of("ss.SSSSSS")), false), DataTypes.decimal(8, 6));
      default -> throw new AnalysisException("INVALID_EXTRACT_FIELD", "Cannot extract `" + field + "` from \""
          + source.prettyName() + "\".");
    };
    return new LogicalExpr.Alias(value, shownAs);
  }

  private static LogicalExpr call(String name, LogicalExpr arg) {
    return new LogicalExpr.Call(name, List.of(arg), false);
  }
}
