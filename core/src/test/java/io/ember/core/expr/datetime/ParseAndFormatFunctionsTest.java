package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParseAndFormatFunctionsTest {
  @Test
  void toDateWithAndWithoutAPattern() {
    assertEquals(LocalDate.parse("2009-07-30"), eval("to_date", str("2009-07-30 04:17:52")));
    assertEquals(LocalDate.parse("2016-12-31"), eval("to_date", str("2016-12-31"), str("yyyy-MM-dd")));
    assertEquals(LocalDate.parse("2016-12-31"), eval("to_date", str("12/31/2016"), str("MM/dd/yyyy")));
    assertEquals(LocalDate.parse("2016-02-29"), eval("to_date", str("29.02.2016"), str("dd.MM.yyyy")));
    assertEquals(LocalDate.parse("2016-07-30"), eval("to_date", ts("2016-07-30T23:00:00Z")));
    assertEquals(LocalDate.parse("2016-07-31"),
        evalIn(ansiIn("Asia/Tokyo"), "to_date", ts("2016-07-30T23:00:00Z")));
    assertEquals(LocalDate.parse("2016-12-01"), eval("to_date", str("2016-12"), str("yyyy-MM")));
    assertEquals(DataTypes.DATE, call("to_date", str("x"), str("yyyy")).dataType());
    assertEquals(values(LocalDate.parse("2020-01-02"), null, null),
        evalColumn(LEGACY, "to_date", DataTypes.STRING, values("2020/01/02", null, "junk"), str("yyyy/MM/dd")));
  }

  @Test
  void patternParseFailuresRaiseCannotParseTimestampUnderAnsi() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class,
        () -> eval("to_date", str("2016-02-30"), str("yyyy-MM-dd")));
    assertEquals("CANNOT_PARSE_TIMESTAMP", e.errorClass());
    assertTrue(e.getMessage().startsWith("[CANNOT_PARSE_TIMESTAMP] Text '2016-02-30' could not be parsed"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "Use `try_to_timestamp` to tolerate invalid input string and return NULL instead."), e.getMessage());
    assertNull(evalIn(LEGACY, "to_date", str("2016-02-30"), str("yyyy-MM-dd")));
    EmberDateTimeException ts = assertThrows(EmberDateTimeException.class,
        () -> eval("to_timestamp", str("2016-12-31 25:00"), str("yyyy-MM-dd HH:mm")));
    assertEquals("CANNOT_PARSE_TIMESTAMP", ts.errorClass());
    assertNull(evalIn(LEGACY, "to_timestamp", str("2016-12-31 25:00"), str("yyyy-MM-dd HH:mm")));
  }

  @Test
  void castStyleParseFailuresRaiseCastInvalidInputUnderAnsi() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class, () -> eval("to_date", str("junk")));
    assertEquals("CAST_INVALID_INPUT", e.errorClass());
    assertNull(evalIn(LEGACY, "to_timestamp", str("junk")));
  }

  @Test
  void toTimestampReadsZonelessTextInTheSessionZone() {
    assertEquals(Instant.parse("2016-12-31T00:12:00Z"), eval("to_timestamp", str("2016-12-31 00:12:00")));
    assertEquals(Instant.parse("2016-12-31T00:00:00Z"), eval("to_timestamp", str("2016-12-31"), str("yyyy-MM-dd")));
    assertEquals(Instant.parse("2016-12-31T08:00:00Z"),
        evalIn(ansiIn("America/Los_Angeles"), "to_timestamp", str("2016-12-31"), str("yyyy-MM-dd")));
    assertEquals(Instant.parse("2016-12-31T13:02:03Z"),
        eval("to_timestamp", str("12/31/2016 01:02:03 PM"), str("MM/dd/yyyy hh:mm:ss a")));
    assertEquals(Instant.parse("2020-01-01T10:00:00.123Z"),
        eval("to_timestamp", str("2020-01-01 10:00:00.123"), str("yyyy-MM-dd HH:mm:ss.SSS")));
    assertEquals(Instant.parse("2020-01-01T10:00:00.100Z"),
        eval("to_timestamp", str("2020-01-01 10:00:00.1"), str("yyyy-MM-dd HH:mm:ss.SSS")));
    assertEquals(Instant.parse("2020-01-01T10:00:00.123456Z"),
        eval("to_timestamp", str("2020-01-01 10:00:00.123456"), str("yyyy-MM-dd HH:mm:ss.SSSSSS")));
    assertEquals("10:00:00.120", eval("date_format", ts("2020-01-01T10:00:00.12Z"), str("HH:mm:ss.SSS")));
    assertEquals(Instant.parse("2020-01-01T08:00:00Z"),
        eval("to_timestamp", str("2020-01-01 10:00 +02:00"), str("yyyy-MM-dd HH:mm XXX")));
    assertEquals(Instant.parse("2020-07-04T00:00:00Z"),
        eval("to_timestamp", str("Jul 04 2020"), str("MMM dd yyyy")));
    assertEquals(Instant.parse("2016-07-30T00:00:00Z"), eval("to_timestamp", date("2016-07-30")));
    assertEquals(Instant.parse("2024-03-10T07:30:00Z"), evalIn(ansiIn("America/New_York"), "to_timestamp",
        str("2024-03-10 02:30"), str("yyyy-MM-dd HH:mm"))); // inside the DST gap: moved forward, as java.time and Spark
    assertEquals(Instant.parse("2024-11-03T05:30:00Z"), evalIn(ansiIn("America/New_York"), "to_timestamp",
        str("2024-11-03 01:30"), str("yyyy-MM-dd HH:mm"))); // ambiguous hour: the earlier offset
  }

  @Test
  void dateFormatTranslatesSparkPatterns() {
    assertEquals("2016-04-08 10:11:12", eval("date_format", ts("2016-04-08T10:11:12Z"), str("yyyy-MM-dd HH:mm:ss")));
    assertEquals("Fri", eval("date_format", ts("2016-04-08T10:11:12Z"), str("EEE")));
    assertEquals("Friday", eval("date_format", ts("2016-04-08T10:11:12Z"), str("EEEE")));
    assertEquals("Apr", eval("date_format", ts("2016-04-08T10:11:12Z"), str("MMM")));
    assertEquals("10 AM", eval("date_format", ts("2016-04-08T10:11:12Z"), str("hh a")));
    assertEquals("2016 Q2 '16", eval("date_format", ts("2016-04-08T10:11:12Z"), str("yyyy 'Q'Q ''yy")));
    assertEquals("2016", eval("date_format", date("2016-04-08"), str("y")));
    assertEquals("2016", eval("date_format", str("2016-04-08"), str("y")));
    assertEquals("2016-04-07 20",
        evalIn(ansiIn("America/Los_Angeles"), "date_format", ts("2016-04-08T03:00:00Z"), str("yyyy-MM-dd HH")));
    assertEquals("1969-12-31", eval("date_format", date("1969-12-31"), str("yyyy-MM-dd")));
    assertNull(eval("date_format", nullOf(DataTypes.TIMESTAMP), str("y")));
  }

  @Test
  void callsRenderAsSparkNamesThem() {
    assertEquals("to_date(c0)", call("to_date", col(0, DataTypes.STRING)).sql());
    assertEquals("to_timestamp(c0)", call("to_timestamp", col(0, DataTypes.DATE)).sql());
    assertEquals("to_date(c0, 'yyyy')", call("to_date", col(0, DataTypes.STRING), str("yyyy")).sql());
    assertEquals("year(c0)", call("year", col(0, DataTypes.STRING)).sql());
    assertEquals("unix_timestamp(c0, 'yyyy-MM-dd HH:mm:ss')", call("unix_timestamp", col(0, DataTypes.TIMESTAMP)).sql());
    assertEquals("from_unixtime(c0, 'yyyy-MM-dd HH:mm:ss')", call("from_unixtime", col(0, DataTypes.LONG)).sql());
  }

  @Test
  void weekBasedAndUnknownPatternsAreRejected() {
    EmberIllegalArgumentException week = assertThrows(EmberIllegalArgumentException.class,
        () -> call("date_format", ts("2016-04-08T10:11:12Z"), str("YYYY")));
    assertEquals("INVALID_DATETIME_PATTERN", week.errorClass());
    assertTrue(week.getMessage().contains("week-based patterns are unsupported"), week.getMessage());
    EmberIllegalArgumentException bad = assertThrows(EmberIllegalArgumentException.class,
        () -> call("to_date", str("2016"), str("yyyy{")));
    assertEquals("INVALID_DATETIME_PATTERN", bad.errorClass());
  }

  @Test
  void formatArgumentsMustBeStringsAndArityIsChecked() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> call("date_format", ts("2016-04-08T10:11:12Z"), new io.ember.core.expr.Literal(
            java.util.List.of("y"), DataTypes.array(DataTypes.STRING))));
    assertTrue(e.getMessage().contains("The second parameter requires the \"STRING\" type"), e.getMessage());
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("to_date"));
    assertEquals("[WRONG_NUM_ARGS] The `to_date` requires [1, 2] parameters but the actual number is 0.",
        arity.getMessage());
  }
}
