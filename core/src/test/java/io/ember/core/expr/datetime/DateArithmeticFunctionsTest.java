package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateArithmeticFunctionsTest {
  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void dateAddAndSubCrossLeapDaysAndTheEpoch() {
    assertEquals(d("2016-07-31"), eval("date_add", str("2016-07-30"), i(1)));
    assertEquals(d("2016-07-29"), eval("date_sub", str("2016-07-30"), i(1)));
    assertEquals(d("2016-02-29"), eval("date_add", date("2016-02-28"), i(1)));
    assertEquals(d("1969-12-31"), eval("date_add", date("1970-01-01"), i(-1)));
    assertEquals(d("2016-07-31"), eval("date_add", ts("2016-07-30T23:00:00Z"), i(1)));
    assertEquals(d("2016-07-31"), eval("dateadd", date("2016-07-30"), i(1)));
    assertEquals(values(d("2020-01-03"), null), evalColumn("date_add", DataTypes.DATE,
        values(d("2020-01-01"), null), i(2)));
    assertNull(eval("date_add", date("2016-07-30"), nullOf(DataTypes.INTEGER)));
  }

  @Test
  void datediffIsEndMinusStart() {
    assertEquals(1, eval("datediff", str("2009-07-31"), str("2009-07-30")));
    assertEquals(-1, eval("datediff", str("2009-07-30"), str("2009-07-31")));
    assertEquals(-1, eval("datediff", date("1969-12-31"), date("1970-01-01")));
    assertEquals(366, eval("datediff", date("2017-01-01"), date("2016-01-01")));
    assertEquals(0, eval("datediff", ts("2020-01-01T23:59:59Z"), date("2020-01-01")));
    assertNull(eval("datediff", nullOf(DataTypes.DATE), date("2020-01-01")));
  }

  @Test
  void makeDateBuildsADateAndRejectsFieldsOutOfRangeUnderAnsi() {
    assertEquals(d("2024-02-29"), eval("make_date", i(2024), i(2), i(29)));
    assertNull(eval("make_date", nullOf(DataTypes.INTEGER), i(2), i(29)));
    io.ember.core.errors.EmberDateTimeException e = assertThrows(io.ember.core.errors.EmberDateTimeException.class,
        () -> eval("make_date", i(2023), i(2), i(29)));
    assertEquals("DATETIME_FIELD_OUT_OF_BOUNDS", e.errorClass());
    assertTrue(e.getMessage().contains("spark.sql.ansi.enabled"), e.getMessage());
    assertNull(evalIn(LEGACY, "make_date", i(2023), i(13), i(1)));
  }

  @Test
  void addMonthsClampsToTheEndOfShorterMonths() {
    assertEquals(d("2016-09-30"), eval("add_months", str("2016-08-31"), i(1)));
    assertEquals(d("2017-02-28"), eval("add_months", date("2016-02-29"), i(12)));
    assertEquals(d("2016-02-29"), eval("add_months", date("2016-08-31"), i(-6)));
    assertEquals(d("2016-03-29"), eval("add_months", date("2016-02-29"), i(1)));
  }

  @Test
  void dateArithmeticChecksTypes() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("date_add", date("2020-01-01"), l(1L)));
    assertTrue(e.getMessage().contains(
        "The second parameter requires the \"INT\" type, however \"1\" has the type \"BIGINT\"."), e.getMessage());
    AnalysisException first = assertThrows(AnalysisException.class, () -> call("datediff", i(1), date("2020-01-01")));
    assertTrue(first.getMessage().contains("The first parameter requires the \"DATE\" type"), first.getMessage());
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("date_sub", date("2020-01-01")));
    assertEquals("[WRONG_NUM_ARGS] The `date_sub` requires 2 parameters but the actual number is 1.",
        arity.getMessage());
  }

  @Test
  void monthsBetweenUsesWholeMonthsOr31DayMonths() {
    assertEquals(3.94959677, eval("months_between", str("1997-02-28 10:30:00"), str("1996-10-30")));
    assertEquals(3.9495967741935485,
        eval("months_between", str("1997-02-28 10:30:00"), str("1996-10-30"), new io.ember.core.expr.Literal(
            false, DataTypes.BOOLEAN)));
    assertEquals(1.0, eval("months_between", date("2017-01-31"), date("2016-12-31")));
    assertEquals(-1.0, eval("months_between", date("2016-12-15"), date("2017-01-15")));
    assertNull(eval("months_between", nullOf(DataTypes.TIMESTAMP), date("2017-01-15")));
  }

  @Test
  void lastDayAndNextDay() {
    assertEquals(d("2009-01-31"), eval("last_day", str("2009-01-12")));
    assertEquals(d("2016-02-29"), eval("last_day", date("2016-02-10")));
    assertEquals(d("2015-01-20"), eval("next_day", str("2015-01-14"), str("TU")));
    assertEquals(d("2015-01-21"), eval("next_day", date("2015-01-14"), str("Wednesday")));
    assertEquals(d("2015-01-15"), eval("next_day", date("2015-01-14"), str("thu")));
  }

  @Test
  void nextDayRejectsAnUnknownDayUnderAnsiOnly() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> eval("next_day", date("2015-01-14"), str("xx")));
    assertEquals("ILLEGAL_DAY_OF_WEEK", e.errorClass());
    assertTrue(e.getMessage().contains("Illegal input for day of week: xx."), e.getMessage());
    assertNull(evalIn(LEGACY, "next_day", date("2015-01-14"), str("xx")));
  }

  @Test
  void truncAndDateTrunc() {
    assertEquals(d("2019-07-29"), eval("trunc", str("2019-08-04"), str("week")));
    assertEquals(d("2019-07-01"), eval("trunc", date("2019-08-04"), str("quarter")));
    assertEquals(d("2009-02-01"), eval("trunc", date("2009-02-12"), str("MM")));
    assertEquals(d("2015-01-01"), eval("trunc", date("2015-10-27"), str("YEAR")));
    assertNull(eval("trunc", date("2015-10-27"), str("DAY")));
    assertEquals(Instant.parse("2015-01-01T00:00:00Z"), eval("date_trunc", str("YEAR"), str("2015-03-05T09:32:05.359")));
    assertEquals(Instant.parse("2015-03-01T00:00:00Z"), eval("date_trunc", str("MM"), str("2015-03-05T09:32:05.359")));
    assertEquals(Instant.parse("2015-03-05T00:00:00Z"), eval("date_trunc", str("DD"), str("2015-03-05T09:32:05.359")));
    assertEquals(Instant.parse("2015-03-05T09:00:00Z"), eval("date_trunc", str("HOUR"), str("2015-03-05T09:32:05.359")));
    assertEquals(Instant.parse("2015-03-05T09:32:05.123Z"),
        eval("date_trunc", str("MILLISECOND"), str("2015-03-05T09:32:05.123456")));
    assertEquals(Instant.parse("2015-03-02T00:00:00Z"), eval("date_trunc", str("week"), ts("2015-03-05T09:32:05Z")));
    assertEquals(Instant.parse("2015-03-04T08:00:00Z"),
        evalIn(ansiIn("America/Los_Angeles"), "date_trunc", str("DAY"), ts("2015-03-05T05:00:00Z")));
    assertNull(eval("date_trunc", str("bogus"), ts("2015-03-05T05:00:00Z")));
  }
}
