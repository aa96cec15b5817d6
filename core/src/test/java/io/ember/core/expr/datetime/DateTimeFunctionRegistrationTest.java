package io.ember.core.expr.datetime;

import static io.ember.core.expr.string.FunctionHarness.call;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimeFunctionRegistrationTest {
  private static final List<String> NAMES = List.of(
      "current_date", "curdate", "current_timestamp", "now", "to_date", "to_timestamp", "date_format", "year",
      "quarter", "month", "dayofmonth", "day", "dayofweek", "weekday", "dayofyear", "weekofyear", "hour", "minute",
      "second", "datediff", "date_add", "dateadd", "date_sub", "add_months", "months_between", "last_day",
      "next_day", "unix_timestamp", "to_unix_timestamp", "from_unixtime", "trunc", "date_trunc");

  @Test
  void everySparkNameIsRegistered() {
    for (String name : NAMES) {
      assertTrue(FunctionRegistry.standard().contains(name), name);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "current_date", "current_timestamp", "to_date", "to_timestamp", "date_format", "year", "month", "dayofweek",
      "hour", "second", "datediff", "date_add", "date_sub", "add_months", "months_between", "last_day", "next_day",
      "unix_timestamp", "to_unix_timestamp", "from_unixtime", "trunc", "date_trunc"})
  void tooManyArgumentsFailWithWrongNumArgs(String name) {
    Expression[] five = Collections.nCopies(5, (Expression) str("2020-01-01")).toArray(new Expression[0]);
    AnalysisException e = assertThrows(AnalysisException.class, () -> call(name, five));
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
    assertTrue(e.getMessage().startsWith("[WRONG_NUM_ARGS] The `" + name + "` requires "), e.getMessage());
    assertTrue(e.getMessage().endsWith("parameters but the actual number is 5."), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"year", "month", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "quarter",
      "last_day", "to_date"})
  void booleansAreNotDates(String name) {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> call(name, new Literal(true, DataTypes.BOOLEAN)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertTrue(e.getMessage().endsWith(
        "The first parameter requires the \"DATE\" type, however \"true\" has the type \"BOOLEAN\"."), e.getMessage());
  }
}
