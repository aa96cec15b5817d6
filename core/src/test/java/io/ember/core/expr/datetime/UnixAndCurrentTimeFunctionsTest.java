package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnixAndCurrentTimeFunctionsTest {
  @Test
  void fromUnixtimeRendersSecondsInTheSessionZone() {
    assertEquals("1970-01-01 00:00:00", eval("from_unixtime", l(0L)));
    assertEquals("1969-12-31 23:59:59", eval("from_unixtime", l(-1L)));
    assertEquals("1969-12-31 16:00:00", evalIn(ansiIn("America/Los_Angeles"), "from_unixtime", l(0L)));
    assertEquals("2016-04-08", eval("from_unixtime", i(1460073600), str("yyyy-MM-dd")));
    assertEquals(values("1970-01-01 00:00:01", null),
        evalColumn("from_unixtime", DataTypes.LONG, values(1L, null)));
    io.ember.core.errors.EmberArithmeticException overflow = assertThrows(
        io.ember.core.errors.EmberArithmeticException.class, () -> eval("from_unixtime", l(Long.MAX_VALUE)));
    assertEquals("ARITHMETIC_OVERFLOW", overflow.errorClass());
    assertNull(evalIn(LEGACY, "from_unixtime", l(Long.MAX_VALUE)));
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("from_unixtime", str("0")));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
  }

  @Test
  void unixTimestampParsesOrConverts() {
    assertEquals(1460073600L, eval("unix_timestamp", str("2016-04-08"), str("yyyy-MM-dd")));
    assertEquals(1460073600L, eval("unix_timestamp", str("2016-04-08 00:00:00")));
    assertEquals(1460073600L, eval("to_unix_timestamp", str("2016-04-08"), str("yyyy-MM-dd")));
    assertEquals(1460098800L,
        evalIn(ansiIn("America/Los_Angeles"), "unix_timestamp", str("2016-04-08"), str("yyyy-MM-dd")));
    assertEquals(-86400L, eval("unix_timestamp", date("1969-12-31")));
    assertEquals(-1L, eval("unix_timestamp", ts("1969-12-31T23:59:59.500Z")));
    assertEquals(QUERY_START / 1_000_000L, eval("unix_timestamp"));
    assertNull(eval("unix_timestamp", nullOf(DataTypes.STRING)));
  }

  @Test
  void unixTimestampOfMalformedTextFailsUnderAnsiOnly() {
    EmberDateTimeException e = assertThrows(EmberDateTimeException.class, () -> eval("unix_timestamp", str("bad")));
    assertEquals("CANNOT_PARSE_TIMESTAMP", e.errorClass());
    assertNull(evalIn(LEGACY, "unix_timestamp", str("bad")));
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("to_unix_timestamp"));
    assertEquals("WRONG_NUM_ARGS", arity.errorClass());
  }

  @Test
  void currentDateAndTimestampAreTheQueryStartForEveryRowAndBatch() {
    Expression now = call("current_timestamp");
    Expression today = call("current_date");
    assertFalse(now.deterministic());
    assertFalse(today.deterministic());
    Batch three = new Batch(new StructType(List.of()), new ColumnVector[0], 3);
    ColumnVector a = now.evaluate(three, ANSI);
    ColumnVector b = call("now").evaluate(three, ANSI);
    Instant start = Instant.parse("2024-03-15T10:30:00Z");
    for (int r = 0; r < 3; r++) {
      assertEquals(start, a.get(r));
      assertEquals(start, b.get(r));
    }
    assertEquals(LocalDate.parse("2024-03-15"), eval("current_date"));
    assertEquals(LocalDate.parse("2024-03-16"), evalIn(ansiIn("Pacific/Kiritimati"), "current_date"));
    assertEquals(LocalDate.parse("2024-03-14"), evalIn(ansiIn("Pacific/Pago_Pago"), "curdate"));
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("current_date", str("x")));
    assertEquals("[WRONG_NUM_ARGS] The `current_date` requires 0 parameters but the actual number is 1.",
        e.getMessage());
  }
}
