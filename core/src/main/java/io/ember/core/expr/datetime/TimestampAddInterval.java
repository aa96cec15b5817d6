package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code timestamp + interval} or {@code timestamp - interval}, as Spark's {@code TimeAdd} (day-time) and
 * {@code TimestampAddYMInterval} (year-month). A day-time interval's whole days (24-hour multiples, whatever its
 * fields) are added to the local date-time in the session time zone and the rest as elapsed time, so
 * {@code + INTERVAL '1' DAY} keeps the wall-clock time across a daylight-saving change; a year-month interval is added
 * to the local date-time, the day clamped to the end of a shorter month. A result outside the timestamp range
 * raises {@code ARITHMETIC_OVERFLOW}. Null in, null out.
 *
 * @param timestamp a timestamp
 * @param interval a day-time or year-month interval
 * @param subtract true for {@code -}
 */
public record TimestampAddInterval(Expression timestamp, Expression interval, boolean subtract) implements Expression {
  @Override
  public DataType dataType() {
    return DataTypes.TIMESTAMP;
  }

  @Override
  public boolean nullable() {
    return timestamp.nullable() || interval.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(timestamp, interval);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new TimestampAddInterval(c.get(0), c.get(1), subtract);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    LongVector ts = (LongVector) timestamp.evaluate(input, context);
    ColumnVector iv = interval.evaluate(input, context);
    boolean dayTime = interval.dataType() instanceof DayTimeIntervalType;
    ZoneId zone = context.zone();
    boolean fixedOffset = zone.getRules().isFixedOffset();
    int n = input.numRows();
    long[] out = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (ts.isNull(i) || iv.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      try {
        long t = ts.getLong(i);
        if (dayTime) {
          long d = ((LongVector) iv).getLong(i);
          d = subtract ? Math.negateExact(d) : d;
          out[i] = fixedOffset ? Math.addExact(t, d) : addDayTime(t, d, zone);
        } else {
          int m = ((IntVector) iv).getInt(i);
          out[i] = addMonths(t, subtract ? -(long) m : m, zone);
        }
      } catch (ArithmeticException | DateTimeException e) {
        throw ExpressionErrors.arithmeticOverflow("long overflow", subtract ? "try_subtract" : "try_add");
      }
    }
    return new LongVector(DataTypes.TIMESTAMP, out, nulls, n);
  }

  /** Spark's {@code timestampAddDayTime}: whole days on the local date-time, the rest as elapsed time. */
  static long addDayTime(long micros, long dayTime, ZoneId zone) {
    long days = dayTime / IntervalFormat.MICROS_PER_DAY;
    long rest = dayTime - days * IntervalFormat.MICROS_PER_DAY;
    ZonedDateTime z = toInstant(micros).atZone(zone).plusDays(days).plus(rest, ChronoUnit.MICROS);
    return toMicros(z.toInstant());
  }

  /** Spark's {@code timestampAddMonths}: months on the local date-time in {@code zone}. */
  static long addMonths(long micros, long months, ZoneId zone) {
    return toMicros(toInstant(micros).atZone(zone).toLocalDateTime().plusMonths(months).atZone(zone).toInstant());
  }

  private static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static long toMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  @Override
  public String sql() {
    return "(" + timestamp.sql() + (subtract ? " - " : " + ") + interval.sql() + ")";
  }
}
