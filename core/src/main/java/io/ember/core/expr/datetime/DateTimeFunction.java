package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.expr.string.RowEval;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A date/time function evaluated row by row ({@link RowEval}) with the session zone and ANSI flag of
 * the {@link EvalContext}: null in any argument gives null. Argument orders are stated on each
 * {@link Kind}; the builders in {@code DateTimeFunctions} coerce the arguments first (dates and
 * timestamps arrive as such, patterns as strings).
 */
public record DateTimeFunction(Kind kind, List<Expression> args) implements Expression {
  public DateTimeFunction {
    args = List.copyOf(args);
  }

  /** The function. */
  public enum Kind {
    /** {@code (string, pattern)}: parsed in the session zone, then its date there. */
    TO_DATE("to_date", DataTypes.DATE),
    /** {@code (string, pattern)}. */
    TO_TIMESTAMP("to_timestamp", DataTypes.TIMESTAMP),
    /**
     * {@code (string or timestamp, pattern)}: seconds since the epoch (rounded down); a string is parsed
     * with the pattern, a timestamp ignores it.
     */
    UNIX_TIMESTAMP("unix_timestamp", DataTypes.LONG),
    /** As {@link #UNIX_TIMESTAMP}, under its other name. */
    TO_UNIX_TIMESTAMP("to_unix_timestamp", DataTypes.LONG),
    /** {@code (timestamp, pattern)}: rendered in the session zone. */
    DATE_FORMAT("date_format", DataTypes.STRING),
    /** {@code (seconds, pattern)}: rendered in the session zone. */
    FROM_UNIXTIME("from_unixtime", DataTypes.STRING),
    /** {@code (timestamp1, timestamp2, roundOff)}. */
    MONTHS_BETWEEN("months_between", DataTypes.DOUBLE),
    /** {@code (date)}. */
    LAST_DAY("last_day", DataTypes.DATE),
    /** {@code (date, dayOfWeek)}: the first such day after the date. */
    NEXT_DAY("next_day", DataTypes.DATE),
    /** {@code (date, unit)}: unit is year/yyyy/yy, quarter, month/mon/mm or week; otherwise null. */
    TRUNC("trunc", DataTypes.DATE),
    /** {@code (unit, timestamp)}: also day/dd, hour, minute, second, millisecond, microsecond. */
    DATE_TRUNC("date_trunc", DataTypes.TIMESTAMP),
    /** {@code (year, month, day)}: a field out of range is an error under ANSI, else null. */
    MAKE_DATE("make_date", DataTypes.DATE);

    final String sqlName;
    final DataType type;

    Kind(String sqlName, DataType type) {
      this.sqlName = sqlName;
      this.type = type;
    }
  }

  @Override
  public DataType dataType() {
    return kind.type;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new DateTimeFunction(kind, newChildren);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return RowEval.map(input, context, args, kind.type, v -> apply(v, context));
  }

  private Object apply(Object[] v, EvalContext ctx) {
    ZoneId zone = ctx.zone();
    return switch (kind) {
      case TO_DATE -> {
        Long micros = parse((String) v[0], (String) v[1], ctx);
        yield micros == null ? null : DateTimeMath.toDays(micros, zone);
      }
      case TO_TIMESTAMP -> parse((String) v[0], (String) v[1], ctx);
      case UNIX_TIMESTAMP, TO_UNIX_TIMESTAMP -> {
        Long micros = v[0] instanceof Instant i ? Long.valueOf(micros(i)) : parse((String) v[0], (String) v[1], ctx);
        yield micros == null ? null : Math.floorDiv(micros, DateTimeMath.MICROS_PER_SECOND);
      }
      case DATE_FORMAT -> DateTimePatterns.format(micros((Instant) v[0]), (String) v[1], zone);
      case FROM_UNIXTIME -> fromUnixtime((Long) v[0], (String) v[1], ctx);
      case MONTHS_BETWEEN -> DateTimeMath.monthsBetween(
          micros((Instant) v[0]), micros((Instant) v[1]), (Boolean) v[2], zone);
      case LAST_DAY -> ((LocalDate) v[0]).with(TemporalAdjusters.lastDayOfMonth());
      case NEXT_DAY -> nextDay((LocalDate) v[0], (String) v[1], ctx.ansi());
      case TRUNC -> truncDate((LocalDate) v[0], (String) v[1]);
      case DATE_TRUNC -> truncTimestamp((String) v[0], micros((Instant) v[1]), zone);
      case MAKE_DATE -> makeDate((Integer) v[0], (Integer) v[1], (Integer) v[2], ctx.ansi());
    };
  }

  private static LocalDate makeDate(int year, int month, int day, boolean ansi) {
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      if (!ansi) {
        return null;
      }
      throw new EmberDateTimeException("DATETIME_FIELD_OUT_OF_BOUNDS", e.getMessage()
          + ". If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.", e);
    }
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), DateTimeMath.MICROS_PER_SECOND), i.getNano() / 1000);
  }

  /** Parses with a pattern; a failure raises {@code CANNOT_PARSE_TIMESTAMP} under ANSI, else gives null. */
  private Long parse(String text, String pattern, EvalContext ctx) {
    try {
      return DateTimePatterns.parse(text, pattern, ctx.zone());
    } catch (DateTimeException | ArithmeticException e) {
      if (!ctx.ansi()) {
        return null;
      }
      String reason = e.getMessage() != null && e.getMessage().startsWith("Text '")
          ? e.getMessage() : "Text '" + text + "' could not be parsed: " + e.getMessage();
      throw new EmberDateTimeException(
          "CANNOT_PARSE_TIMESTAMP",
          reason + " (pattern '" + pattern + "'). Use `try_to_timestamp` to tolerate invalid input string and"
              + " return NULL instead.",
          e);
    }
  }

  /** Seconds rendered in the session zone; seconds beyond the timestamp range overflow as Spark's. */
  private static String fromUnixtime(long seconds, String pattern, EvalContext ctx) {
    long micros;
    try {
      micros = Math.multiplyExact(seconds, DateTimeMath.MICROS_PER_SECOND);
    } catch (ArithmeticException e) {
      if (!ctx.ansi()) {
        return null;
      }
      throw ExpressionErrors.arithmeticOverflow("long overflow", null);
    }
    return DateTimePatterns.format(micros, pattern, ctx.zone());
  }

  private static LocalDate nextDay(LocalDate date, String dayOfWeek, boolean ansi) {
    DayOfWeek target = dayOfWeek(dayOfWeek);
    if (target == null) {
      if (!ansi) {
        return null;
      }
      throw new EmberIllegalArgumentException(
          "ILLEGAL_DAY_OF_WEEK",
          "Illegal input for day of week: " + dayOfWeek + ". Use a day name such as 'Mon', 'MO' or 'Monday'.");
    }
    return date.with(TemporalAdjusters.next(target));
  }

  /** Spark's day-of-week names: two letters, three letters or the full English name, any case. */
  static DayOfWeek dayOfWeek(String s) {
    String u = s.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name();
      if (u.equals(full) || u.equals(full.substring(0, 3)) || u.equals(full.substring(0, 2))) {
        return d;
      }
    }
    return null;
  }

  private static LocalDate truncDate(LocalDate d, String unit) {
    return switch (unit.toUpperCase(Locale.ROOT)) {
      case "YEAR", "YYYY", "YY" -> d.withDayOfYear(1);
      case "QUARTER" -> d.with(IsoFields.DAY_OF_QUARTER, 1);
      case "MONTH", "MON", "MM" -> d.withDayOfMonth(1);
      case "WEEK" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      default -> null;
    };
  }

  private static Long truncTimestamp(String unit, long micros, ZoneId zone) {
    String u = unit.toUpperCase(Locale.ROOT);
    switch (u) {
      case "MICROSECOND":
        return micros;
      case "MILLISECOND":
        return Math.floorDiv(micros, 1000L) * 1000L;
      default:
        break;
    }
    LocalDateTime t = DateTimeMath.local(micros, zone);
    LocalDateTime truncated = switch (u) {
      case "SECOND" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "MINUTE" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "HOUR" -> t.truncatedTo(ChronoUnit.HOURS);
      case "DAY", "DD" -> t.truncatedTo(ChronoUnit.DAYS);
      default -> {
        LocalDate d = truncDate(t.toLocalDate(), u);
        yield d == null ? null : d.atStartOfDay();
      }
    };
    return truncated == null ? null : DateTimeMath.toMicros(truncated, zone);
  }

  @Override
  public String sql() {
    StringJoiner j = new StringJoiner(", ", kind.sqlName + "(", ")");
    for (Expression a : args) {
      j.add(a.sql());
    }
    return j.toString();
  }
}
