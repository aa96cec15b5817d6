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
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * {@code end - start} of two timestamps or two dates, as Spark's {@code SubtractTimestamps} and
 * {@code SubtractDates} with ANSI intervals: timestamps give an {@code interval day to second}, the difference of
 * their local date-times in the session time zone; dates give an {@code interval day}. Null in, null out.
 *
 * @param end the minuend, a timestamp or a date
 * @param start the subtrahend, of {@code end}'s type
 */
public record SubtractDateTimes(Expression end, Expression start) implements Expression {
  private static final DayTimeIntervalType DAYS =
      new DayTimeIntervalType(DayTimeIntervalType.DAY, DayTimeIntervalType.DAY);

  @Override
  public DataType dataType() {
    return end.dataType() instanceof DateType ? DAYS : DataTypes.DAY_TIME_INTERVAL;
  }

  @Override
  public boolean nullable() {
    return end.nullable() || start.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(end, start);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new SubtractDateTimes(c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector e = end.evaluate(input, context);
    ColumnVector s = start.evaluate(input, context);
    boolean dates = end.dataType() instanceof DateType;
    ZoneId zone = context.zone();
    boolean fixedOffset = zone.getRules().isFixedOffset();
    int n = input.numRows();
    long[] out = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (e.isNull(i) || s.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      try {
        if (dates) {
          long days = (long) ((IntVector) e).getInt(i) - ((IntVector) s).getInt(i);
          out[i] = Math.multiplyExact(days, IntervalFormat.MICROS_PER_DAY);
        } else {
          long a = ((LongVector) e).getLong(i);
          long b = ((LongVector) s).getLong(i);
          out[i] = fixedOffset ? Math.subtractExact(a, b) : ChronoUnit.MICROS.between(local(b, zone), local(a, zone));
        }
      } catch (ArithmeticException ex) {
        throw ExpressionErrors.arithmeticOverflow("long overflow", "try_subtract");
      }
    }
    return new LongVector(dataType(), out, nulls, n);
  }

  private static LocalDateTime local(long micros, ZoneId zone) {
    Instant t = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    return LocalDateTime.ofInstant(t, zone);
  }

  @Override
  public String sql() {
    return "(" + end.sql() + " - " + start.sql() + ")";
  }
}
