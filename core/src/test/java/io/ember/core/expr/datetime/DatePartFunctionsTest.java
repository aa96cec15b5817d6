package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatePartFunctionsTest {
  private static final List<Object> DATES =
      values(LocalDate.parse("2016-02-29"), null, LocalDate.parse("1969-12-31"), LocalDate.parse("2021-01-01"));

  @Test
  void datePartsOverAColumnIncludingALeapDayAndNegativeEpochDays() {
    assertEquals(values(2016, null, 1969, 2021), evalColumn("year", DataTypes.DATE, DATES));
    assertEquals(values(1, null, 4, 1), evalColumn("quarter", DataTypes.DATE, DATES));
    assertEquals(values(2, null, 12, 1), evalColumn("month", DataTypes.DATE, DATES));
    assertEquals(values(29, null, 31, 1), evalColumn("dayofmonth", DataTypes.DATE, DATES));
    assertEquals(values(29, null, 31, 1), evalColumn("day", DataTypes.DATE, DATES));
    assertEquals(values(2, null, 4, 6), evalColumn("dayofweek", DataTypes.DATE, DATES));
    assertEquals(values(0, null, 2, 4), evalColumn("weekday", DataTypes.DATE, DATES));
    assertEquals(values(60, null, 365, 1), evalColumn("dayofyear", DataTypes.DATE, DATES));
    assertEquals(values(9, null, 1, 53), evalColumn("weekofyear", DataTypes.DATE, DATES));
  }

  @Test
  void sparkDocumentedExamplesOnStrings() {
    assertEquals(5, eval("dayofweek", str("2009-07-30")));
    assertEquals(100, eval("dayofyear", str("2016-04-09")));
    assertEquals(8, eval("weekofyear", str("2008-02-20")));
    assertEquals(3, eval("quarter", str("2016-08-31")));
    assertEquals(2016, eval("year", str("2016-07-30")));
    assertEquals(12, eval("hour", str("2009-07-30 12:58:59")));
    assertEquals(58, eval("minute", str("2009-07-30 12:58:59")));
    assertEquals(59, eval("second", str("2009-07-30 12:58:59")));
  }

  @Test
  void timeFieldsUseTheSessionZone() {
    assertEquals(5, evalIn(ansiIn("America/Los_Angeles"), "hour", ts("2009-07-30T12:58:59Z")));
    assertEquals(2023, evalIn(ansiIn("America/New_York"), "year", ts("2024-01-01T02:00:00Z")));
    assertEquals(2024, eval("year", ts("2024-01-01T02:00:00Z")));
    assertEquals(30, evalIn(ansiIn("Asia/Kolkata"), "minute", ts("2024-01-01T02:00:00Z")));
    assertEquals(0, eval("hour", date("2009-07-30")));
    assertEquals(23, eval("hour", ts("1969-12-31T23:59:59.500Z")));
    assertEquals(59, eval("second", ts("1969-12-31T23:59:59.500Z")));
    assertEquals(31, eval("dayofmonth", ts("1969-12-31T23:59:59.500Z")));
    assertEquals(values(12, null), evalColumn("hour", DataTypes.TIMESTAMP,
        values(java.time.Instant.parse("2009-07-30T12:58:59Z"), null)));
  }

  @Test
  void malformedStringsFailUnderAnsiAndAreNullOtherwise() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class, () -> eval("year", str("not a date")));
    assertEquals("CAST_INVALID_INPUT", e.errorClass());
    assertNull(evalIn(LEGACY, "year", str("not a date")));
    assertNull(eval("month", nullOf(DataTypes.DATE)));
    assertNull(eval("hour", nullOf(DataTypes.NULL)));
  }

  @Test
  void numbersAreNotDates() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("year", i(2020)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertEquals("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"year(2020)\" due to data type mismatch: The first parameter"
        + " requires the \"DATE\" type, however \"2020\" has the type \"INT\".", e.getMessage());
    AnalysisException h = assertThrows(AnalysisException.class, () -> call("hour", l(1L)));
    assertTrue(h.getMessage().contains("requires the \"TIMESTAMP\" type"), h.getMessage());
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("month"));
    assertEquals("[WRONG_NUM_ARGS] The `month` requires 1 parameters but the actual number is 0.", arity.getMessage());
  }
}
