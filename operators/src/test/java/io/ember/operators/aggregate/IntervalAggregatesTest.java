package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.aggregate.AggTestSupport.global;
import static io.ember.operators.aggregate.AggTestSupport.globalLegacy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.StructType;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sum, min and max of ANSI intervals, as Spark: the sum keeps the input's interval type and never wraps. */
class IntervalAggregatesTest {
  private static final DayTimeIntervalType HOUR_TO_MINUTE =
      new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.MINUTE);
  private static final StructType T = DataTypes.struct(DataTypes.field("d", HOUR_TO_MINUTE),
      DataTypes.field("m", DataTypes.YEAR_MONTH_INTERVAL));

  @Test
  void sumMinAndMaxOfIntervals() {
    List<Row> rows = List.of(Row.of(Duration.ofMinutes(90), Period.ofMonths(5)), Row.of(null, null),
        Row.of(Duration.ofMinutes(-30), Period.of(1, 1, 0)));
    assertEquals(HOUR_TO_MINUTE, fn(T, "sum", "d").resultType());
    assertEquals(Row.of(Duration.ofHours(1), Period.of(1, 6, 0), Duration.ofMinutes(-30), Period.of(1, 1, 0)),
        global(T, rows, fn(T, "sum", "d"), fn(T, "sum", "m"), fn(T, "min", "d"), fn(T, "max", "m")));
    assertEquals(Row.of(null, null), global(T, List.of(), fn(T, "sum", "d"), fn(T, "sum", "m")));
  }

  @Test
  void averagesRoundHalfUpToAWholeMicrosecondOrMonth() {
    List<Row> rows = List.of(Row.of(Duration.ofMinutes(1), Period.ofMonths(1)), Row.of(null, null),
        Row.of(Duration.ofMinutes(2).plusNanos(1000), Period.ofMonths(2)));
    assertEquals(DataTypes.DAY_TIME_INTERVAL, fn(T, "avg", "d").resultType());
    assertEquals(DataTypes.YEAR_MONTH_INTERVAL, fn(T, "avg", "m").resultType());
    assertEquals(Row.of(Duration.ofSeconds(90).plusNanos(1000), Period.ofMonths(2)),
        global(T, rows, fn(T, "avg", "d"), fn(T, "avg", "m")));
    assertEquals(Row.of(null, null), global(T, List.of(), fn(T, "avg", "d"), fn(T, "avg", "m")));
  }

  @Test
  void intervalSumsOverflowEvenInLegacyMode() {
    List<Row> rows = List.of(Row.of(null, Period.ofMonths(Integer.MAX_VALUE)), Row.of(null, Period.ofMonths(1)));
    EmberException e = assertThrows(EmberArithmeticException.class, () -> globalLegacy(T, rows, fn(T, "sum", "m")));
    assertEquals("ARITHMETIC_OVERFLOW", e.errorClass());
  }
}
