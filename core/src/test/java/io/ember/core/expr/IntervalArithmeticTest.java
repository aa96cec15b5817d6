package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberException;
import io.ember.core.expr.datetime.DateAddYearMonthInterval;
import io.ember.core.expr.datetime.TimestampAddInterval;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IntervalArithmeticTest {
  private static final DayTimeIntervalType HOUR = new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.HOUR);
  private static final DayTimeIntervalType MINUTE =
      new DayTimeIntervalType(DayTimeIntervalType.MINUTE, DayTimeIntervalType.MINUTE);
  private static final DayTimeIntervalType DAY = new DayTimeIntervalType(DayTimeIntervalType.DAY, DayTimeIntervalType.DAY);
  private static final YearMonthIntervalType MONTH =
      new YearMonthIntervalType(YearMonthIntervalType.MONTH, YearMonthIntervalType.MONTH);
  private static final EvalContext LOS_ANGELES = new EvalContext(true, ZoneId.of("America/Los_Angeles"), 0L);

  private static Literal dt(Duration d, DataType type) {
    return new Literal(d, type);
  }

  private static Duration micros(long micros) {
    return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static Literal months(int m) {
    return new Literal(Period.ofMonths(m).normalized(), MONTH);
  }

  private static Literal ts(String instant) {
    return lit(Instant.parse(instant));
  }

  @Test
  void timestampPlusDayTimeIntervalIsATimestamp() {
    Expression e = Expressions.add(ts("2024-05-01T10:00:00Z"), dt(Duration.ofHours(1), HOUR));
    assertInstanceOf(TimestampAddInterval.class, e);
    assertEquals(DataTypes.TIMESTAMP, e.dataType());
    assertEquals(Instant.parse("2024-05-01T11:00:00Z"), value(e));
    assertEquals(Instant.parse("2024-05-01T09:50:00Z"),
        value(Expressions.subtract(ts("2024-05-01T10:00:00Z"), dt(Duration.ofMinutes(10), MINUTE))));
    assertEquals(Instant.parse("2024-05-01T11:00:00Z"),
        value(Expressions.add(dt(Duration.ofHours(1), HOUR), ts("2024-05-01T10:00:00Z"))));
  }

  @Test
  void timestampPlusMonthsClampsToTheEndOfTheMonth() {
    assertEquals(Instant.parse("2024-02-29T10:00:00Z"), value(Expressions.add(ts("2024-01-31T10:00:00Z"), months(1))));
    assertEquals(Instant.parse("2023-02-28T10:00:00Z"), value(Expressions.add(ts("2024-02-29T10:00:00Z"), months(-12))));
    assertEquals(Instant.parse("2023-11-30T10:00:00Z"), value(Expressions.subtract(ts("2024-03-31T10:00:00Z"), months(4))));
  }

  @Test
  void dateWithIntervalsFollowsSparksResultTypes() {
    Expression ym = Expressions.add(lit(LocalDate.parse("2023-01-31")), months(1));
    assertInstanceOf(DateAddYearMonthInterval.class, ym);
    assertEquals(LocalDate.parse("2023-02-28"), value(ym));
    Expression days = Expressions.subtract(lit(LocalDate.parse("2024-03-01")), dt(Duration.ofDays(1), DAY));
    assertEquals(DataTypes.DATE, days.dataType());
    assertEquals(LocalDate.parse("2024-02-29"), value(days));
    Expression hours = Expressions.add(lit(LocalDate.parse("2024-03-01")), dt(Duration.ofHours(36), HOUR));
    assertEquals(DataTypes.TIMESTAMP, hours.dataType());
    assertEquals(Instant.parse("2024-03-02T12:00:00Z"), value(hours));
  }

  @Test
  void aDayIsAddedOnTheLocalClockAcrossDaylightSavingTime() {
    // 2024-03-10 02:00 in Los Angeles moves to 03:00: the local day has 23 hours.
    Literal noonBefore = ts("2024-03-09T20:00:00Z"); // 12:00 PST
    assertEquals(Instant.parse("2024-03-10T19:00:00Z"), // 12:00 PDT
        value(Expressions.add(noonBefore, dt(Duration.ofDays(1), DAY)), LOS_ANGELES));
    // whole days of any day-time interval go on the local clock, the rest is elapsed time
    assertEquals(Instant.parse("2024-03-10T19:00:00Z"),
        value(Expressions.add(noonBefore, dt(Duration.ofHours(24), HOUR)), LOS_ANGELES));
    assertEquals(Instant.parse("2024-03-11T07:00:00Z"), // 00:00 PDT, 35 elapsed hours
        value(Expressions.add(noonBefore, dt(Duration.ofHours(36), HOUR)), LOS_ANGELES));
    assertEquals(Instant.parse("2024-03-11T08:00:00Z"), value(Expressions.add(noonBefore, dt(Duration.ofHours(36), HOUR))));
    assertEquals(Instant.parse("2024-04-09T19:00:00Z"),
        value(Expressions.add(noonBefore, months(1)), LOS_ANGELES));
    // the difference of local date-times, as Spark's SubtractTimestamps
    assertEquals(Duration.ofDays(1),
        value(Expressions.subtract(ts("2024-03-10T19:00:00Z"), noonBefore), LOS_ANGELES));
    assertEquals(Duration.ofHours(23), value(Expressions.subtract(ts("2024-03-10T19:00:00Z"), noonBefore)));
  }

  @Test
  void subtractingDatetimesGivesDayTimeIntervals() {
    Expression ts = Expressions.subtract(ts("2024-05-02T11:30:00Z"), ts("2024-05-01T10:00:00Z"));
    assertEquals(DataTypes.DAY_TIME_INTERVAL, ts.dataType());
    assertEquals(Duration.ofHours(25).plusMinutes(30), value(ts));
    Expression dates = Expressions.subtract(lit(LocalDate.parse("2024-03-01")), lit(LocalDate.parse("2024-02-28")));
    assertEquals(DAY, dates.dataType());
    assertEquals(Duration.ofDays(2), value(dates));
    assertEquals(Duration.ofDays(-2), value(Expressions.subtract(lit(LocalDate.parse("2024-02-28")),
        lit(LocalDate.parse("2024-03-01")))));
  }

  @Test
  void intervalsAddWithTheFieldsOfBoth() {
    Expression sum = Expressions.add(dt(Duration.ofHours(1), HOUR), dt(Duration.ofMinutes(30), MINUTE));
    assertEquals(new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.MINUTE), sum.dataType());
    assertEquals(Duration.ofMinutes(90), value(sum));
    assertEquals(Duration.ofMinutes(-30), value(Expressions.subtract(dt(Duration.ofMinutes(30), MINUTE),
        dt(Duration.ofHours(1), HOUR))));
    assertEquals(Period.ofMonths(15).normalized(), value(Expressions.add(months(3),
        new Literal(Period.ofYears(1), new YearMonthIntervalType(0, 0)))));
    AnalysisException mixed = assertThrows(AnalysisException.class,
        () -> Expressions.add(dt(Duration.ofHours(1), HOUR), months(1)));
    assertEquals("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", mixed.errorClass());
    assertThrows(AnalysisException.class, () -> Expressions.add(dt(Duration.ofHours(1), HOUR), lit(1)));
  }

  @Test
  void intervalsScaleByNumbersRoundingHalfUp() {
    Literal tenMicros = dt(Duration.ofNanos(10_000), DataTypes.DAY_TIME_INTERVAL);
    assertEquals(Duration.ofHours(2), value(Expressions.multiply(dt(Duration.ofHours(1), HOUR), lit(2))));
    Expression numberFirst = Expressions.multiply(lit(3L), dt(Duration.ofMinutes(10), MINUTE));
    assertEquals(DataTypes.DAY_TIME_INTERVAL, numberFirst.dataType());
    assertEquals(Duration.ofMinutes(30), value(numberFirst));
    assertEquals(Duration.ofMinutes(90), value(Expressions.multiply(dt(Duration.ofHours(1), HOUR), lit(1.5))));
    assertEquals(Duration.ofNanos(3_000), value(Expressions.divide(tenMicros, lit(3))));
    assertEquals(Duration.ofNanos(4_000), value(Expressions.divide(tenMicros, lit(2.5))));
    assertEquals(Duration.ofNanos(-5_000), value(Expressions.divide(tenMicros, lit(new BigDecimal("-2.00")))));
    assertEquals(Period.ofMonths(7), value(Expressions.divide(months(13), lit(2))));
    assertEquals(DataTypes.YEAR_MONTH_INTERVAL, Expressions.multiply(months(1), lit(2)).dataType());
    EmberArithmeticException zero = assertThrows(EmberArithmeticException.class,
        () -> value(Expressions.divide(tenMicros, lit(0)), LEGACY));
    assertEquals("INTERVAL_DIVIDED_BY_ZERO", zero.errorClass());
  }

  @Test
  void intervalsNeverWrapEvenWithAnsiOff() {
    Literal max = dt(micros(Long.MAX_VALUE), DataTypes.DAY_TIME_INTERVAL);
    Literal min = dt(micros(Long.MIN_VALUE), DataTypes.DAY_TIME_INTERVAL);
    for (EvalContext ctx : List.of(ANSI, LEGACY)) {
      assertEquals("ARITHMETIC_OVERFLOW", assertThrows(EmberArithmeticException.class,
          () -> value(Expressions.add(max, dt(Duration.ofNanos(1000), HOUR)), ctx)).errorClass());
      assertEquals("ARITHMETIC_OVERFLOW", assertThrows(EmberArithmeticException.class,
          () -> value(Expressions.negate(min), ctx)).errorClass());
      assertEquals("ARITHMETIC_OVERFLOW", assertThrows(EmberArithmeticException.class,
          () -> value(Expressions.multiply(months(Integer.MAX_VALUE / 2 + 1), lit(2)), ctx)).errorClass());
      assertEquals("ARITHMETIC_OVERFLOW", assertThrows(EmberArithmeticException.class,
          () -> value(Expressions.add(ts("2024-01-01T00:00:00Z"), max), ctx)).errorClass());
    }
  }

  @Test
  void negationAndComparisons() {
    assertEquals(Duration.ofHours(-1), value(Expressions.negate(dt(Duration.ofHours(1), HOUR))));
    assertEquals(HOUR, Expressions.negate(dt(Duration.ofHours(1), HOUR)).dataType());
    assertEquals(Period.ofMonths(-14).normalized(), value(Expressions.negate(months(14))));
    assertEquals(true, value(Expressions.lessThan(dt(Duration.ofMinutes(59), MINUTE), dt(Duration.ofHours(1), HOUR))));
    assertEquals(true, value(Expressions.equalTo(dt(Duration.ofHours(24), HOUR), dt(Duration.ofDays(1), DAY))));
    assertEquals(false, value(Expressions.greaterThan(months(11), new Literal(Period.ofYears(1), new YearMonthIntervalType(0, 0)))));
    assertThrows(AnalysisException.class, () -> Expressions.lessThan(dt(Duration.ofHours(1), HOUR), months(1)));
  }

  @Test
  void nullsPropagate() {
    assertNull(value(Expressions.add(new Literal(null, DataTypes.TIMESTAMP), dt(Duration.ofHours(1), HOUR))));
    assertNull(value(Expressions.add(ts("2024-01-01T00:00:00Z"), new Literal(null, HOUR))));
    Expression nullPlusInterval = Expressions.add(lit(null), dt(Duration.ofHours(1), HOUR));
    assertEquals(HOUR, nullPlusInterval.dataType());
    assertNull(value(nullPlusInterval));
    assertNull(value(Expressions.multiply(dt(Duration.ofHours(1), HOUR), lit(null))));
    assertNull(value(Expressions.negate(new Literal(null, MONTH))));
  }

  @Test
  void castsToAndFromStringsAsSparkWritesIntervals() {
    assertEquals("INTERVAL '0 01:00:00' DAY TO SECOND",
        value(Expressions.cast(dt(Duration.ofHours(1), DataTypes.DAY_TIME_INTERVAL), DataTypes.STRING)));
    assertEquals("INTERVAL '01' HOUR", value(Expressions.cast(dt(Duration.ofHours(1), HOUR), DataTypes.STRING)));
    assertEquals("INTERVAL '1-2' YEAR TO MONTH",
        value(Expressions.cast(new Literal(Period.ofMonths(14), DataTypes.YEAR_MONTH_INTERVAL), DataTypes.STRING)));
    assertEquals(Duration.ofHours(26).plusSeconds(5),
        value(Expressions.cast(lit("1 02:00:05"), DataTypes.DAY_TIME_INTERVAL)));
    assertEquals(Duration.ofHours(-26),
        value(Expressions.cast(lit("INTERVAL -'1 02' DAY TO HOUR"), new DayTimeIntervalType(0, 1))));
    assertEquals(Period.ofMonths(-14).normalized(), value(Expressions.cast(lit("-1-2"), DataTypes.YEAR_MONTH_INTERVAL)));
    EmberException bad = assertThrows(EmberException.class,
        () -> value(Expressions.cast(lit("1 25:00:00"), DataTypes.DAY_TIME_INTERVAL)));
    assertEquals("CAST_INVALID_INPUT", bad.errorClass());
    assertNull(value(Expressions.cast(lit("soon"), DataTypes.DAY_TIME_INTERVAL), LEGACY));
    assertEquals(Duration.ofHours(1), value(Expressions.cast(dt(Duration.ofMinutes(90), MINUTE), HOUR)));
    assertThrows(AnalysisException.class, () -> Expressions.cast(months(1), HOUR));
  }

  @Test
  void makeIntervalFunctions() {
    FunctionRegistry f = FunctionRegistry.standard();
    assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusMillis(4_500),
        value(f.build("make_dt_interval", List.of(lit(1), lit(2), lit(3), lit(new BigDecimal("4.5"))))));
    assertEquals(Duration.ofDays(3), value(f.build("make_dt_interval", List.of(lit(3)))));
    assertEquals(Period.of(1, 2, 0), value(f.build("make_ym_interval", List.of(lit(1), lit(2)))));
    assertNull(value(f.build("make_ym_interval", List.of(lit(1), lit(null)))));
    assertEquals(DataTypes.DAY_TIME_INTERVAL, f.build("make_dt_interval", List.of()).dataType());
  }

  @Test
  void intervalColumnsRoundTripThroughRows() {
    Batch b = Batch.fromRows(DataTypes.struct(DataTypes.field("d", HOUR), DataTypes.field("m", MONTH)),
        List.of(Row.of(Duration.ofMinutes(61), Period.ofMonths(13)), Row.of(null, null)));
    assertEquals(List.of(Row.of(Duration.ofMinutes(61), Period.ofYears(1).plusMonths(1)), Row.of(null, null)), b.toRows());
  }

  static Stream<Long> seeds() {
    return Seeds.of("IntervalArithmeticTest", 50);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void addingThenSubtractingAnIntervalRestoresTheTimestampInAFixedZone(long seed) {
    Seeds.check(seed, random -> {
      long micros = random.nextLong() % 4_000_000_000_000_000L;
      long interval = random.nextLong() % 400_000_000_000_000L;
      Literal t = new Literal(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000),
          DataTypes.TIMESTAMP);
      Literal i = new Literal(Duration.ofSeconds(Math.floorDiv(interval, 1_000_000L), Math.floorMod(interval, 1_000_000L) * 1000),
          DataTypes.DAY_TIME_INTERVAL);
      Expression shifted = Expressions.add(t, i);
      assertEquals(t.value(), value(Expressions.subtract(shifted, i)));
      assertEquals(i.value(), value(Expressions.subtract(shifted, t)));
      assertEquals(value(Expressions.add(t, Expressions.negate(i))), value(Expressions.subtract(t, i)));
    });
  }
}
