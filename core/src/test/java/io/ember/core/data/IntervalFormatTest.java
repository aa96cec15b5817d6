package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.datetime.AnsiIntervals;
import io.ember.core.serde.EmberKryo;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.YearMonthIntervalType;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalFormatTest {
  private static DayTimeIntervalType dt(int start, int end) {
    return new DayTimeIntervalType(start, end);
  }

  @Test
  void dayTimeIntervalsPrintAsSparkPrintsThem() {
    long hour = IntervalFormat.MICROS_PER_HOUR;
    assertEquals("INTERVAL '0 01:00:00' DAY TO SECOND", IntervalFormat.dayTime(hour, DataTypes.DAY_TIME_INTERVAL));
    assertEquals("INTERVAL '01' HOUR", IntervalFormat.dayTime(hour, dt(1, 1)));
    assertEquals("INTERVAL '26' HOUR", IntervalFormat.dayTime(26 * hour, dt(1, 1)));
    assertEquals("INTERVAL '01:30' HOUR TO MINUTE", IntervalFormat.dayTime(90 * 60_000_000L, dt(1, 2)));
    assertEquals("INTERVAL '-1 02:03:04.5' DAY TO SECOND",
        IntervalFormat.dayTime(-(26 * hour + 184_500_000L), DataTypes.DAY_TIME_INTERVAL));
    assertEquals("INTERVAL '1 02' DAY TO HOUR", IntervalFormat.dayTime(26 * hour + 1, dt(0, 1)));
    assertEquals("INTERVAL '01.5' SECOND", IntervalFormat.dayTime(1_500_000L, dt(3, 3)));
    assertEquals("INTERVAL '100' SECOND", IntervalFormat.dayTime(100_000_000L, dt(3, 3)));
    assertEquals("INTERVAL '00:00.000001' MINUTE TO SECOND", IntervalFormat.dayTime(1, dt(2, 3)));
    assertEquals("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND",
        IntervalFormat.dayTime(Long.MIN_VALUE, DataTypes.DAY_TIME_INTERVAL));
    assertEquals("INTERVAL '-2562047788:00:54.775808' HOUR TO SECOND", IntervalFormat.dayTime(Long.MIN_VALUE, dt(1, 3)));
    assertEquals("INTERVAL '106751991 04:00:54.775807' DAY TO SECOND",
        IntervalFormat.dayTime(Long.MAX_VALUE, DataTypes.DAY_TIME_INTERVAL));
  }

  @Test
  void yearMonthIntervalsPrintAsSparkPrintsThem() {
    assertEquals("INTERVAL '1-2' YEAR TO MONTH", IntervalFormat.yearMonth(14, DataTypes.YEAR_MONTH_INTERVAL));
    assertEquals("INTERVAL '-1-2' YEAR TO MONTH", IntervalFormat.yearMonth(-14, DataTypes.YEAR_MONTH_INTERVAL));
    assertEquals("INTERVAL '14' MONTH", IntervalFormat.yearMonth(14, new YearMonthIntervalType(1, 1)));
    assertEquals("INTERVAL '1' YEAR", IntervalFormat.yearMonth(14, new YearMonthIntervalType(0, 0)));
    assertEquals("INTERVAL '-178956970-8' YEAR TO MONTH",
        IntervalFormat.yearMonth(Integer.MIN_VALUE, DataTypes.YEAR_MONTH_INTERVAL));
  }

  @Test
  void showFormatsByTheColumnsFields() {
    assertEquals("INTERVAL '01' HOUR", ValueFormat.toDisplayString(Duration.ofHours(1), dt(1, 1), ZoneOffset.UTC));
    assertEquals("INTERVAL '0 01:00:00' DAY TO SECOND", ValueFormat.toDisplayString(Duration.ofHours(1), ZoneOffset.UTC));
    assertEquals("[INTERVAL '2' MONTH, NULL]", ValueFormat.toDisplayString(java.util.Arrays.asList(Period.ofMonths(2), null),
        DataTypes.array(new YearMonthIntervalType(1, 1)), ZoneOffset.UTC));
  }

  @Test
  void typeNamesParseAndPrintAsSparks() {
    for (String name : List.of("interval day to second", "interval hour", "interval minute to second",
        "interval day", "interval year to month", "interval month", "interval year")) {
      assertEquals(name, DataTypes.parse(name.toUpperCase(java.util.Locale.ROOT)).simpleString());
    }
    assertEquals(DataTypes.DAY_TIME_INTERVAL, DataTypes.parse("interval  day to second"));
    assertEquals("DayTimeIntervalType(0,3)", DataTypes.DAY_TIME_INTERVAL.toString());
    assertThrows(IllegalArgumentException.class, () -> DataTypes.parse("interval second to day"));
    assertThrows(IllegalArgumentException.class, () -> DataTypes.parse("interval year to second"));
  }

  @Test
  void literalsReadTheirFieldsFromTheUnits() {
    assertEquals(new AnsiIntervals.Value(dt(0, 1), 26 * IntervalFormat.MICROS_PER_HOUR),
        AnsiIntervals.unitValues("1 day 2 hours"));
    assertEquals(new AnsiIntervals.Value(dt(2, 2), 600_000_000L), AnsiIntervals.unitValues("10 minutes"));
    assertEquals(new AnsiIntervals.Value(dt(0, 0), 14 * IntervalFormat.MICROS_PER_DAY), AnsiIntervals.unitValues("2 weeks"));
    assertEquals(new AnsiIntervals.Value(dt(3, 3), 500_000L), AnsiIntervals.unitValues("500 milliseconds"));
    assertEquals(new AnsiIntervals.Value(DataTypes.YEAR_MONTH_INTERVAL, 14), AnsiIntervals.unitValues("1 year 2 months"));
    assertEquals(new AnsiIntervals.Value(dt(1, 3), -3_598_500_000L), AnsiIntervals.unitValues("-1 hour 1.5 seconds"));
    assertEquals("INVALID_INTERVAL_FORMAT.MIXED_UNITS",
        assertThrows(AnalysisException.class, () -> AnsiIntervals.unitValues("1 month 1 day")).errorClass());
  }

  @Test
  void fromToLiteralsCheckTheirFormat() {
    assertEquals(new AnsiIntervals.Value(DataTypes.DAY_TIME_INTERVAL, 26 * IntervalFormat.MICROS_PER_HOUR + 500_000),
        AnsiIntervals.fromTo("1 02:00:00.5", false, "DAY", "SECOND"));
    assertEquals(new AnsiIntervals.Value(DataTypes.YEAR_MONTH_INTERVAL, -14), AnsiIntervals.fromTo("1-2", true, "year", "month"));
    assertEquals(new AnsiIntervals.Value(DataTypes.YEAR_MONTH_INTERVAL, 14), AnsiIntervals.fromTo("-1-2", true, "year", "month"));
    assertEquals(new AnsiIntervals.Value(dt(2, 3), 61_000_001L), AnsiIntervals.fromTo("1:01.000001", false, "minute", "second"));
    assertThrows(AnalysisException.class, () -> AnsiIntervals.fromTo("1 24:00:00", false, "day", "second"));
    assertThrows(AnalysisException.class, () -> AnsiIntervals.fromTo("1", false, "day", "second"));
    assertThrows(AnalysisException.class, () -> AnsiIntervals.fromTo("1-12", false, "year", "month"));
    assertThrows(AnalysisException.class, () -> AnsiIntervals.fromTo("1", false, "second", "day"));
  }

  @Test
  void intervalBatchesSerialize() {
    io.ember.core.data.Batch batch = io.ember.core.data.Batch.fromRows(
        DataTypes.struct(DataTypes.field("d", dt(1, 2)), DataTypes.field("m", DataTypes.YEAR_MONTH_INTERVAL)),
        List.of(Row.of(Duration.ofMinutes(-61), Period.ofMonths(-13).normalized()), Row.of(null, null)));
    io.ember.core.data.Batch back = EmberKryo.fromBytes(EmberKryo.toBytes(batch), io.ember.core.data.Batch.class);
    assertEquals(batch.schema(), back.schema());
    assertEquals(batch.toRows(), back.toRows());
    Row row = Row.of(Duration.ofHours(1), Period.ofMonths(2));
    assertEquals(row, EmberKryo.fromBytes(EmberKryo.toBytes(row), Row.class));
  }
}
